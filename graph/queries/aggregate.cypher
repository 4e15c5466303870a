// OpenSpending-style drilldown (app/api/aggregate.py): sums and counts grouped by the
// dimensions whose $by* flag is true; a dimension not asked for is null, so it collapses.
// Filters are the parameters of browse.cypher. Sums are null where no value was disclosed
// (never 0 by default), and each sum comes with the number of values it adds up.

// name: aggregate_projects
// Projects: 预算 (budgetWan) and 执行 (executedWan). Grouped by policy or issuer, a project
// counts once in each of its policies' groups (so those groups may overlap), once per group.
MATCH (p:Project)-[:UNDERTAKEN_BY]->(u:Unit)
WHERE ($yearMin IS NULL OR p.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR p.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND (NOT $subsidiesOnly OR p:Subsidy)
  AND ($text IS NULL OR p.name CONTAINS $text)
WITH p, u,
     CASE WHEN $region IS NULL THEN [] ELSE [(u)-[:IN_REGION]->(:Region)-[:PART_OF*0..8]->(a:Region) | a.name] END AS regions,
     CASE WHEN $policy IS NULL AND $issuer IS NULL AND NOT $byPolicy AND NOT $byIssuer THEN []
          ELSE [(pol:Policy)-[:BASIS_OF|ALLOCATES]->(p) | {key: pol.key, issuer: pol.issuer}] END AS pols
WHERE ($region IS NULL OR $region IN regions)
  AND ($policy IS NULL OR any(x IN pols WHERE x.key = $policy))
  AND ($issuer IS NULL OR any(x IN pols WHERE x.issuer CONTAINS $issuer))
UNWIND CASE WHEN ($byPolicy OR $byIssuer) AND size(pols) > 0 THEN pols ELSE [null] END AS pol
OPTIONAL MATCH (u)-[:IN_REGION]->(r:Region)
WITH CASE WHEN $byYear THEN p.fiscalYear END AS fiscalYear,
     CASE WHEN $byRegion THEN r.name END AS region,
     CASE WHEN $byUnit THEN u.id END AS unit,
     CASE WHEN $byPolicy THEN pol.key END AS policy,
     CASE WHEN $byIssuer THEN pol.issuer END AS issuer,
     p
WITH fiscalYear, region, unit, policy, issuer, collect(DISTINCT p) AS ps
WITH fiscalYear, region, unit, policy, issuer, size(ps) AS count,
     [x IN ps WHERE x.budgetWan IS NOT NULL | x.budgetWan] AS budgets,
     [x IN ps WHERE x.executedWan IS NOT NULL | x.executedWan] AS executed
RETURN fiscalYear, region, unit, policy, issuer, null AS functionCode, count,
       CASE WHEN size(budgets) = 0 THEN null ELSE reduce(s = 0.0, v IN budgets | s + v) END AS budgetWan,
       size(budgets) AS budgetCount,
       CASE WHEN size(executed) = 0 THEN null ELSE reduce(s = 0.0, v IN executed | s + v) END AS executedWan,
       size(executed) AS executedCount
ORDER BY fiscalYear, region, unit, policy, issuer
LIMIT $limit

// name: aggregate_spending
// 功能分类 lines (SPENDS): a budget document's 合计 is budget, a final account's is executed.
// $functionDigits (3 类, 5 款, 7 项, or null) cuts the code to the level asked for.
MATCH (u:Unit)<-[:OF_UNIT]-(d:BudgetDocument)-[s:SPENDS]->(fc:FunctionClass)
WHERE ($yearMin IS NULL OR d.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR d.fiscalYear <= $yearMax)
  AND ($kind IS NULL OR d.kind = $kind)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND ($codePrefix IS NULL OR fc.code STARTS WITH $codePrefix)
WITH u, d, s, fc,
     CASE WHEN $region IS NULL THEN [] ELSE [(u)-[:IN_REGION]->(:Region)-[:PART_OF*0..8]->(a:Region) | a.name] END AS regions
WHERE $region IS NULL OR $region IN regions
OPTIONAL MATCH (u)-[:IN_REGION]->(r:Region)
WITH CASE WHEN $byYear THEN d.fiscalYear END AS fiscalYear,
     CASE WHEN $byRegion THEN r.name END AS region,
     CASE WHEN $byUnit THEN u.id END AS unit,
     CASE WHEN $functionDigits IS NULL THEN null ELSE substring(fc.code, 0, $functionDigits) END AS functionCode,
     d.kind AS kind, s.totalWan AS amount
WITH fiscalYear, region, unit, functionCode, count(*) AS count,
     collect(CASE WHEN kind = 'BUDGET' THEN amount END) AS budgets,
     collect(CASE WHEN kind = 'FINAL_ACCOUNTS' THEN amount END) AS executed
RETURN fiscalYear, region, unit, null AS policy, null AS issuer, functionCode, count,
       CASE WHEN size(budgets) = 0 THEN null ELSE reduce(s = 0.0, v IN budgets | s + v) END AS budgetWan,
       size(budgets) AS budgetCount,
       CASE WHEN size(executed) = 0 THEN null ELSE reduce(s = 0.0, v IN executed | s + v) END AS executedWan,
       size(executed) AS executedCount
ORDER BY fiscalYear, region, unit, functionCode
LIMIT $limit
