// Money flows (app/api/flows.py).

// name: money_flows
// One unit's document of one year and kind: its 功能分类 lines and its projects, with what is
// known of where each project's money comes from (allocation documents, 资金来源) and, from
// the 项目支出表 lines (Project -SPENDS-> FunctionClass), how much of it goes to each class.
MATCH (u:Unit)<-[:OF_UNIT]-(d:BudgetDocument {fiscalYear: $year, kind: $kind})
WHERE u.id = $unit OR u.name = $unit OR $unit IN u.names
WITH u, d LIMIT 1
OPTIONAL MATCH (d)-[s:SPENDS]->(fc:FunctionClass)
WITH u, d, collect(CASE WHEN fc IS NULL THEN null ELSE {code: fc.code, name: fc.name, totalWan: s.totalWan} END) AS lines
OPTIONAL MATCH (d)-[:DISCLOSES]->(p:Project)
OPTIONAL MATCH (p)-[ps:SPENDS]->(pfc:FunctionClass)
WITH u, d, lines, p, pfc, sum(ps.amountWan) AS classWan, count(ps.amountWan) AS stated
WITH u, d, lines, p, collect(CASE WHEN pfc IS NULL THEN null ELSE
       {code: pfc.code, amountWan: CASE WHEN stated = 0 THEN null ELSE classWan END} END) AS classes
OPTIONAL MATCH (a:Policy)-[:ALLOCATES]->(p)
WITH u, d, lines, p, classes, collect(CASE WHEN a IS NULL THEN null ELSE {key: a.key, label: coalesce(a.docNumber, a.title)} END) AS allocations
WITH u, d, lines, collect(CASE WHEN p IS NULL THEN null ELSE
       {id: p.id, name: p.name, budgetWan: p.budgetWan, executedWan: p.executedWan,
        fundingSource: p.fundingSource, classes: classes, allocations: allocations} END) AS projects
RETURN u {.id, .name} AS unit, d.kind AS kind, lines, projects
