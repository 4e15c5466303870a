"""The shared vocabulary of the disclosures, with no reader and no database behind it: 发文字号
(``docnumbers``), unit identity and regions (``resolve``), the 功能分类/经济分类 reference tables
(``classification``), stated quantities and 补贴标准 (``measures``, ``subsidies``) and amounts
(``numbers``). The loaders, the graph layer and the API all import it from here."""
