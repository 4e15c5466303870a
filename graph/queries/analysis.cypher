// Money flows and search (app/api/flows.py, app/api/search.py).

// name: money_flows
// One unit's document of one year and kind, as app/api/flows.py draws it: its income by source,
// its 功能分类 项 lines with their 基本/项目 split, the document's totals (when it publishes no
// lines) and its projects' amounts.
MATCH (u:Unit)<-[:OF_UNIT]-(d:BudgetDocument {fiscalYear: $year, kind: $kind})
WHERE u.id = $unit OR u.name = $unit OR $unit IN u.names
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

// name: search
// Candidates of each kind whose text contains every term, shortest first (the closest
// matches); app/api/search.py scores and merges them.
MATCH (u:Unit) WHERE all(t IN $terms WHERE u.name CONTAINS t OR any(n IN u.names WHERE n CONTAINS t))
RETURN 'UNIT' AS kind, u {.*} AS item, [u.name] + u.names AS texts
ORDER BY size(u.name), u.id LIMIT $limit
UNION ALL
MATCH (p:Project) WHERE all(t IN $terms WHERE p.name CONTAINS t)
RETURN 'PROJECT' AS kind, p {.*} AS item, [p.name] AS texts
ORDER BY size(p.name), p.id LIMIT $limit
UNION ALL
MATCH (pol:Policy) WHERE all(t IN $terms WHERE pol.key CONTAINS t OR pol.title CONTAINS t)
RETURN 'POLICY' AS kind, pol {.*} AS item, [x IN [pol.docNumber, pol.title] WHERE x IS NOT NULL] AS texts
ORDER BY size(pol.key), pol.key LIMIT $limit
UNION ALL
MATCH (i:Indicator) WHERE all(t IN $terms WHERE i.name CONTAINS t)
RETURN 'INDICATOR' AS kind, i {.*} AS item, [i.name] AS texts
ORDER BY size(i.name), i.id LIMIT $limit
