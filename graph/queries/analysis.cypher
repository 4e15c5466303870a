// Money flows (app/api/flows.py).

// name: money_flows
// One unit's document of one year and kind, as app/api/flows.py draws it: its income by source,
// its 功能分类 项 lines with their 基本/项目 split, the document's totals (when it publishes no
// lines) and its projects' amounts. $unit is the id of the unit app/api/lookups.py found.
MATCH (u:Unit {id: $unit})<-[:OF_UNIT]-(d:BudgetDocument {fiscalYear: $year, kind: $kind})
WITH u, d LIMIT 1
OPTIONAL MATCH (d)-[s:SPENDS]->(fc:FunctionClass)
WITH u, d, collect(CASE WHEN fc IS NULL THEN null ELSE
       {code: fc.code, name: coalesce(s.printedName, fc.name), totalWan: s.totalWan, basicWan: s.basicWan,
        projectWan: s.projectWan} END) AS lines
OPTIONAL MATCH (d)-[i:HAS_INCOME]->(f:FundingSource)
WITH u, d, lines, collect(CASE WHEN f IS NULL THEN null ELSE {name: f.name, amountWan: i.amountWan} END) AS income
OPTIONAL MATCH (d)-[:DISCLOSES]->(p:Project)
WITH u, d, lines, income, p ORDER BY p.sourceLineStart, p.name
WITH u, d, lines, income, collect(CASE WHEN p IS NULL THEN null ELSE
       {id: p.id, name: p.name, budgetWan: p.budgetWan, executedWan: p.executedWan} END) AS projects
RETURN u {.id, .name} AS unit, d {.id, .kind, .totalWan, .basicExpenditureWan, .projectExpenditureWan, .carryoverWan} AS document,
       lines, income, projects
