// OpenSpending-style drilldown (app/api/aggregate.py): sums, counts, averages, minima and maxima
// grouped by the dimensions whose $by* flag is true; a dimension not asked for is null, so it
// collapses. Filters are the parameters of browse.cypher, resolved the same way (ids first).
// Sums are null where no value was disclosed (never 0 by default), and each comes with the
// number of values it adds up; avg/min/max are over those values only.
// Regions roll up: $regionDepth (1 province, 2 prefecture, null: the unit's own region) names
// the ancestor of the unit's region at that depth of the PART_OF tree, so a prefecture's cell
// includes its counties. Parameters that may be null are coalesced where they are used as
// numbers: FalkorDB type-checks every branch of a CASE, even one that is not taken.

// name: aggregate_projects
// Projects: 预算 (budgetWan) and 执行 (executedWan); each project counts once per cell.
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH collect(ru.id) AS regionUnits
OPTIONAL MATCH (:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(pp:Project)
WITH regionUnits, collect(DISTINCT pp.id) AS policyProjects
OPTIONAL MATCH (ip:Policy) WHERE ip.issuer CONTAINS $issuer
OPTIONAL MATCH (ip)-[:BASIS_OF|ALLOCATES]->(ipp:Project)
WITH regionUnits, policyProjects, collect(DISTINCT ipp.id) AS issuerProjects
MATCH (p:Project)-[:UNDERTAKEN_BY]->(u:Unit)
WHERE ($yearMin IS NULL OR p.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR p.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND (NOT $subsidiesOnly OR p:Subsidy)
  AND ($text IS NULL OR p.name CONTAINS $text)
  AND ($region IS NULL OR u.id IN regionUnits)
  AND ($policy IS NULL OR p.id IN policyProjects)
  AND ($issuer IS NULL OR p.id IN issuerProjects)
OPTIONAL MATCH (u)-[:IN_REGION]->(r:Region)
OPTIONAL MATCH chain = (r)-[:PART_OF*0..8]->(top:Region) WHERE NOT (top)-[:PART_OF]->(:Region)
WITH CASE WHEN $byYear THEN p.fiscalYear END AS fiscalYear,
     CASE WHEN NOT $byRegion THEN null
          WHEN $regionDepth IS NULL THEN r.name
          WHEN chain IS NULL OR length(chain) + 1 < coalesce($regionDepth, 1) THEN null
          ELSE nodes(chain)[length(chain) + 1 - coalesce($regionDepth, 1)].name END AS region,
     CASE WHEN $byUnit THEN u.id END AS unit,
     null AS policy, null AS issuer, p
WITH fiscalYear, region, unit, policy, issuer, count(p) AS count,
     sum(p.budgetWan) AS budgetSum, count(p.budgetWan) AS budgetCount,
     avg(p.budgetWan) AS budgetAvgWan, min(p.budgetWan) AS budgetMinWan, max(p.budgetWan) AS budgetMaxWan,
     sum(p.executedWan) AS executedSum, count(p.executedWan) AS executedCount,
     avg(p.executedWan) AS executedAvgWan, min(p.executedWan) AS executedMinWan,
     max(p.executedWan) AS executedMaxWan
RETURN fiscalYear, region, unit, policy, issuer, null AS functionCode, count,
       CASE WHEN budgetCount = 0 THEN null ELSE budgetSum END AS budgetWan, budgetCount,
       budgetAvgWan, budgetMinWan, budgetMaxWan,
       CASE WHEN executedCount = 0 THEN null ELSE executedSum END AS executedWan, executedCount,
       executedAvgWan, executedMinWan, executedMaxWan
ORDER BY fiscalYear, region, unit, policy, issuer
LIMIT $limit

// name: aggregate_projects_by_policy
// The same, grouped by policy or issuer as well: a project counts once in each of its
// policies' groups (so those groups may overlap; the summary counts it once). A query of its
// own because FalkorDB walks the policy relationships of every project even when a WHERE
// makes the match useless.
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH collect(ru.id) AS regionUnits
OPTIONAL MATCH (:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(pp:Project)
WITH regionUnits, collect(DISTINCT pp.id) AS policyProjects
OPTIONAL MATCH (ip:Policy) WHERE ip.issuer CONTAINS $issuer
OPTIONAL MATCH (ip)-[:BASIS_OF|ALLOCATES]->(ipp:Project)
WITH regionUnits, policyProjects, collect(DISTINCT ipp.id) AS issuerProjects
MATCH (p:Project)-[:UNDERTAKEN_BY]->(u:Unit)
WHERE ($yearMin IS NULL OR p.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR p.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND (NOT $subsidiesOnly OR p:Subsidy)
  AND ($text IS NULL OR p.name CONTAINS $text)
  AND ($region IS NULL OR u.id IN regionUnits)
  AND ($policy IS NULL OR p.id IN policyProjects)
  AND ($issuer IS NULL OR p.id IN issuerProjects)
OPTIONAL MATCH (u)-[:IN_REGION]->(r:Region)
OPTIONAL MATCH chain = (r)-[:PART_OF*0..8]->(top:Region) WHERE NOT (top)-[:PART_OF]->(:Region)
OPTIONAL MATCH (pol:Policy)-[:BASIS_OF|ALLOCATES]->(p)
WITH CASE WHEN $byYear THEN p.fiscalYear END AS fiscalYear,
     CASE WHEN NOT $byRegion THEN null
          WHEN $regionDepth IS NULL THEN r.name
          WHEN chain IS NULL OR length(chain) + 1 < coalesce($regionDepth, 1) THEN null
          ELSE nodes(chain)[length(chain) + 1 - coalesce($regionDepth, 1)].name END AS region,
     CASE WHEN $byUnit THEN u.id END AS unit,
     CASE WHEN $byPolicy THEN pol.key END AS policy,
     CASE WHEN $byIssuer THEN pol.issuer END AS issuer,
     p
WITH DISTINCT fiscalYear, region, unit, policy, issuer, p
WITH fiscalYear, region, unit, policy, issuer, count(p) AS count,
     sum(p.budgetWan) AS budgetSum, count(p.budgetWan) AS budgetCount,
     avg(p.budgetWan) AS budgetAvgWan, min(p.budgetWan) AS budgetMinWan, max(p.budgetWan) AS budgetMaxWan,
     sum(p.executedWan) AS executedSum, count(p.executedWan) AS executedCount,
     avg(p.executedWan) AS executedAvgWan, min(p.executedWan) AS executedMinWan,
     max(p.executedWan) AS executedMaxWan
RETURN fiscalYear, region, unit, policy, issuer, null AS functionCode, count,
       CASE WHEN budgetCount = 0 THEN null ELSE budgetSum END AS budgetWan, budgetCount,
       budgetAvgWan, budgetMinWan, budgetMaxWan,
       CASE WHEN executedCount = 0 THEN null ELSE executedSum END AS executedWan, executedCount,
       executedAvgWan, executedMinWan, executedMaxWan
ORDER BY fiscalYear, region, unit, policy, issuer
LIMIT $limit

// name: aggregate_spending
// 功能分类 lines (SPENDS): a budget document's 合计 is budget, a final account's is executed.
// $functionDigits (3 类, 5 款, 7 项, or null) cuts the code to the level asked for.
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH collect(ru.id) AS regionUnits
MATCH (u:Unit)<-[:OF_UNIT]-(d:BudgetDocument)-[s:SPENDS]->(fc:FunctionClass)
WHERE ($yearMin IS NULL OR d.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR d.fiscalYear <= $yearMax)
  AND ($kind IS NULL OR d.kind = $kind)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND ($codePrefix IS NULL OR fc.code STARTS WITH $codePrefix)
  AND ($region IS NULL OR u.id IN regionUnits)
OPTIONAL MATCH (u)-[:IN_REGION]->(r:Region)
OPTIONAL MATCH chain = (r)-[:PART_OF*0..8]->(top:Region) WHERE NOT (top)-[:PART_OF]->(:Region)
WITH CASE WHEN $byYear THEN d.fiscalYear END AS fiscalYear,
     CASE WHEN NOT $byRegion THEN null
          WHEN $regionDepth IS NULL THEN r.name
          WHEN chain IS NULL OR length(chain) + 1 < coalesce($regionDepth, 1) THEN null
          ELSE nodes(chain)[length(chain) + 1 - coalesce($regionDepth, 1)].name END AS region,
     CASE WHEN $byUnit THEN u.id END AS unit,
     CASE WHEN $functionDigits IS NULL THEN null
          ELSE substring(fc.code, 0, coalesce($functionDigits, 7)) END AS functionCode,
     CASE WHEN d.kind = 'BUDGET' THEN s.totalWan END AS budget,
     CASE WHEN d.kind = 'FINAL_ACCOUNTS' THEN s.totalWan END AS executed
WITH fiscalYear, region, unit, functionCode, count(*) AS count,
     sum(budget) AS budgetSum, count(budget) AS budgetCount,
     avg(budget) AS budgetAvgWan, min(budget) AS budgetMinWan, max(budget) AS budgetMaxWan,
     sum(executed) AS executedSum, count(executed) AS executedCount,
     avg(executed) AS executedAvgWan, min(executed) AS executedMinWan, max(executed) AS executedMaxWan
RETURN fiscalYear, region, unit, null AS policy, null AS issuer, functionCode, count,
       CASE WHEN budgetCount = 0 THEN null ELSE budgetSum END AS budgetWan, budgetCount,
       budgetAvgWan, budgetMinWan, budgetMaxWan,
       CASE WHEN executedCount = 0 THEN null ELSE executedSum END AS executedWan, executedCount,
       executedAvgWan, executedMinWan, executedMaxWan
ORDER BY fiscalYear, region, unit, functionCode
LIMIT $limit
