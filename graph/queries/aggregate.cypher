// OpenSpending-style drilldown (app/api/aggregate.py): sums, counts, averages, minima and maxima
// grouped by the dimensions whose $by* flag is true; a dimension not asked for is null, so it
// collapses. Filters are the parameters of browse.cypher, resolved the same way (ids first).
// Sums are null where no value was disclosed (never 0 by default), and each comes with the
// number of values it adds up; avg/min/max are over those values only.
// Regions roll up: $regionDepth (1 province, 2 prefecture, null: the unit's own region) names
// the ancestor of the unit's region at that depth of the PART_OF tree, so a prefecture's cell
// includes its counties. Parameters that may be null are coalesced where they are used as
// numbers: FalkorDB type-checks every branch of a CASE, even one that is not taken.
// $scope (app/api/aggregate.py, AggregateScope) picks the documents: ALL, DEPARTMENT or UNIT
// ones only, or EACH_UNIT_ONCE: a unit's 部门 document of a year and kind is left out when the unit
// has a 单位 document of that year and kind (the 部门 one consolidates it: both would count twice).

// name: aggregate_projects
// Projects: 预算 (budgetWan) and 执行 (executedWan); each project counts once per cell.
INCLUDE sought_unit
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH units, collect(ru.id) AS regionUnits
OPTIONAL MATCH (:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(pp:Project)
WITH units, regionUnits, collect(DISTINCT pp.id) AS policyProjects
OPTIONAL MATCH (ip:Policy) WHERE ip.issuer CONTAINS $issuer
OPTIONAL MATCH (ip)-[:BASIS_OF|ALLOCATES]->(ipp:Project)
WITH units, regionUnits, policyProjects, collect(DISTINCT ipp.id) AS issuerProjects
INCLUDE superseded_documents
WITH units, regionUnits, policyProjects, issuerProjects, collect(dd.id) AS superseded
MATCH (d:BudgetDocument)-[:DISCLOSES]->(p:Project)-[:UNDERTAKEN_BY]->(u:Unit)
WHERE ($scope = 'ALL' OR d.scope = $scope OR ($scope = 'EACH_UNIT_ONCE' AND NOT d.id IN superseded))
  AND ($yearMin IS NULL OR p.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR p.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id IN units)
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
INCLUDE sought_unit
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH units, collect(ru.id) AS regionUnits
OPTIONAL MATCH (:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(pp:Project)
WITH units, regionUnits, collect(DISTINCT pp.id) AS policyProjects
OPTIONAL MATCH (ip:Policy) WHERE ip.issuer CONTAINS $issuer
OPTIONAL MATCH (ip)-[:BASIS_OF|ALLOCATES]->(ipp:Project)
WITH units, regionUnits, policyProjects, collect(DISTINCT ipp.id) AS issuerProjects
INCLUDE superseded_documents
WITH units, regionUnits, policyProjects, issuerProjects, collect(dd.id) AS superseded
MATCH (d:BudgetDocument)-[:DISCLOSES]->(p:Project)-[:UNDERTAKEN_BY]->(u:Unit)
WHERE ($scope = 'ALL' OR d.scope = $scope OR ($scope = 'EACH_UNIT_ONCE' AND NOT d.id IN superseded))
  AND ($yearMin IS NULL OR p.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR p.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id IN units)
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
INCLUDE sought_unit
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH units, collect(ru.id) AS regionUnits
INCLUDE superseded_documents
WITH units, regionUnits, collect(dd.id) AS superseded
MATCH (u:Unit)<-[:OF_UNIT]-(d:BudgetDocument)-[s:SPENDS]->(fc:FunctionClass)
WHERE ($scope = 'ALL' OR d.scope = $scope OR ($scope = 'EACH_UNIT_ONCE' AND NOT d.id IN superseded))
  AND ($yearMin IS NULL OR d.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR d.fiscalYear <= $yearMax)
  AND ($kind IS NULL OR d.kind = $kind)
  AND ($unit IS NULL OR u.id IN units)
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

// name: aggregate_cells
// The same cells from the roll-up cells of $family at $level (graph/rollups.py): each holds the
// groups of every document of one year, kind, scope and counted flag, in one region (REGION: what
// a region drilldown or filter reads) or in all of them (ALL), added up when a document changes
// (a cell of all regions once a load has written its documents: until then, marked stale, it is
// read as the region cells it holds, ingest.cypher add_up_stale_region_cells).
MATCH (cell:RollupCell {family: $family, level: $level})
OPTIONAL MATCH (member:RollupCell {cell: cell.key}) WHERE cell:StaleCell
WITH CASE WHEN cell:StaleCell THEN member ELSE cell END AS r
WHERE r IS NOT NULL
INCLUDE add_up_rollups

// name: aggregate_rollups
// The same cells from the documents' roll-ups of $family (what a drilldown by unit reads): the
// members of the family's region cells, each roll-up in one (IN_CELL). Roll-ups have no index on
// FalkorDB (graph/dialect.py FALKORDB_UNREAD): it is rebuilt at every start of the store.
MATCH (cell:RollupCell {family: $family, level: 'REGION'})<-[:IN_CELL]-(r:Rollup)
INCLUDE add_up_rollups

// name: aggregate_unit_rollups
// The same cells from the roll-ups of the unit asked for, of $family: the unit sought by its id
// ($unit or its unit key, as browse.UNIT_NAMED seeks a unit), its roll-ups through its documents.
MATCH (u:Unit) WHERE u.id IN [$unit, $unitKey]
MATCH (u)<-[:OF_UNIT]-(:BudgetDocument)-[:ROLLS_UP]->(r:Rollup)
WITH r WHERE r.family = $family
INCLUDE add_up_rollups

// name: add_up_rollups
// A fragment (INCLUDE add_up_rollups): the cells of the roll-ups (or roll-up cells) ``r`` of
// one family. A few groups per document instead of every project or line, read from their cells
// (or a unit's documents): each roll-up carries its unit, the unit's names, its region chain and
// whether it counts under EACH_UNIT_ONCE (ingest.cypher, place_rollups), so no region is walked.
// $key keeps one group (the policy filtered on); $keyColumn names the cell column the group key
// fills (policy, issuer, functionCode; null: no grouping by it), $cut cuts a 功能分类 key to the
// level asked for, $issuerOfPolicy fills the issuer of a policy cell. Minima and maxima skip
// groups stating no amount. A region at $regionDepth is the chain's entry that far from its top
// (the province). Each list is read once per roll-up: Neo4j reads a list property again at each
// index into it. Only the lists the request needs are read (each list property read costs Neo4j
// about as much per roll-up as the rest of the adding up): the minima and maxima when $extremes
// (the request selects one), the keys when a key groups or filters.
WITH r WHERE ($yearMin IS NULL OR r.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR r.fiscalYear <= $yearMax)
  AND ($kind IS NULL OR r.kind = $kind)
  AND ($scope = 'ALL' OR r.scope = $scope OR ($scope = 'EACH_UNIT_ONCE' AND r.counted))
  AND ($unit IS NULL OR $unit IN r.unitNames)
  AND ($region IS NULL OR $region IN r.regions)
WITH CASE WHEN $byUnit THEN r.unit END AS unit,
     CASE WHEN NOT $byRegion THEN null
          WHEN $regionDepth IS NULL THEN r.regions[0]
          WHEN size(r.regions) < coalesce($regionDepth, 1) THEN null
          ELSE r.regions[size(r.regions) - coalesce($regionDepth, 1)] END AS region,
     CASE WHEN $byYear THEN r.fiscalYear END AS fiscalYear,
     CASE WHEN $keyColumn IS NOT NULL OR $key IS NOT NULL OR $codePrefix IS NOT NULL THEN r.keys END AS keys,
     r.count AS counts, r.budgetSum AS budgetSums, r.budgetCount AS budgetCounts,
     CASE WHEN $extremes THEN r.budgetMin END AS budgetMins, CASE WHEN $extremes THEN r.budgetMax END AS budgetMaxes,
     r.executedSum AS executedSums, r.executedCount AS executedCounts,
     CASE WHEN $extremes THEN r.executedMin END AS executedMins,
     CASE WHEN $extremes THEN r.executedMax END AS executedMaxes
UNWIND range(0, size(counts) - 1) AS i
WITH region, unit, fiscalYear, keys[i] AS key, counts[i] AS count, budgetSums[i] AS budgetSum,
     budgetCounts[i] AS budgetCount, CASE WHEN budgetCounts[i] > 0 THEN budgetMins[i] END AS budgetMin,
     CASE WHEN budgetCounts[i] > 0 THEN budgetMaxes[i] END AS budgetMax, executedSums[i] AS executedSum,
     executedCounts[i] AS executedCount, CASE WHEN executedCounts[i] > 0 THEN executedMins[i] END AS executedMin,
     CASE WHEN executedCounts[i] > 0 THEN executedMaxes[i] END AS executedMax
WHERE ($key IS NULL OR key = $key) AND ($codePrefix IS NULL OR key STARTS WITH $codePrefix)
WITH region, unit, fiscalYear,
     CASE WHEN $keyColumn IS NULL OR key = '' THEN null WHEN $cut IS NULL THEN key
          ELSE substring(key, 0, coalesce($cut, 7)) END AS key,
     count, budgetSum, budgetCount, budgetMin, budgetMax, executedSum, executedCount, executedMin, executedMax
WITH fiscalYear, region, unit, key, sum(count) AS count,
     sum(budgetSum) AS budgetSum, sum(budgetCount) AS budgetCount, min(budgetMin) AS budgetMinWan,
     max(budgetMax) AS budgetMaxWan, sum(executedSum) AS executedSum, sum(executedCount) AS executedCount,
     min(executedMin) AS executedMinWan, max(executedMax) AS executedMaxWan
WITH fiscalYear, region, unit, key, count, budgetSum, budgetCount, budgetMinWan, budgetMaxWan, executedSum,
     executedCount, executedMinWan, executedMaxWan, CASE WHEN $issuerOfPolicy THEN key END AS policyKey
OPTIONAL MATCH (pol:Policy {key: policyKey})
RETURN fiscalYear, region, unit,
       CASE WHEN $keyColumn = 'policy' THEN key END AS policy,
       CASE WHEN $keyColumn = 'issuer' THEN key WHEN $issuerOfPolicy THEN pol.issuer END AS issuer,
       CASE WHEN $keyColumn = 'functionCode' THEN key END AS functionCode, count,
       CASE WHEN budgetCount = 0 THEN null ELSE budgetSum END AS budgetWan, budgetCount,
       CASE WHEN budgetCount = 0 THEN null ELSE budgetSum / budgetCount END AS budgetAvgWan,
       budgetMinWan, budgetMaxWan,
       CASE WHEN executedCount = 0 THEN null ELSE executedSum END AS executedWan, executedCount,
       CASE WHEN executedCount = 0 THEN null ELSE executedSum / executedCount END AS executedAvgWan,
       executedMinWan, executedMaxWan
ORDER BY fiscalYear, region, unit, policy, issuer, functionCode
LIMIT $limit

// name: sought_unit
// A fragment (INCLUDE sought_unit) of the queries that add up the facts themselves: the id of the
// unit filtered on (units), sought by its id or its name's unit key as browse.UNIT_NAMED seeks it.
OPTIONAL MATCH (fu:Unit)
WHERE fu.id IN [$unit, $unitKey] AND (fu.id = $unit OR fu.name = $unit OR $unit IN fu.names)
WITH collect(fu.id) AS units

// name: superseded_documents
// A fragment (INCLUDE superseded_documents) of the queries that add up the facts themselves:
// with $scope EACH_UNIT_ONCE, each 部门 document (dd) whose unit has a 单位 document of the same
// year and kind, which the caller collects (dd.id) and leaves out; no row for any other $scope.
OPTIONAL MATCH (dd:BudgetDocument {scope: 'DEPARTMENT'})-[:OF_UNIT]->(:Unit)<-[:OF_UNIT]-(ud:BudgetDocument {scope: 'UNIT'})
WHERE $scope = 'EACH_UNIT_ONCE' AND ud.fiscalYear = dd.fiscalYear AND ud.kind = dd.kind
