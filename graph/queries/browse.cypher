// Root lists of the GraphQL API (app/api/pagination.py). Every *_page query receives the same
// filter parameters, null when unset ($yearMin $yearMax $kind $scope $unit $region $policy $issuer
// $codePrefix $amountMin $amountMax $subsidiesOnly $text $level), a sort property $sort with
// $desc, and $skip/$limit; it returns one row: total and the page's items.
// Relation filters are resolved first, once, into lists of ids, each OPTIONAL MATCH anchored
// on its parameter (a null parameter matches nothing and costs nothing); the main MATCH then
// tests membership. Per-row pattern comprehensions would be simpler, but FalkorDB evaluates
// them on every row even inside a CASE that does not need them, and refuses them in WHERE.
// A region filter includes sub-regions ([:PART_OF*0..8] up to the region asked for).

// name: units_page
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH collect(ru.id) AS regionUnits
OPTIONAL MATCH (:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(:Project)-[:UNDERTAKEN_BY]->(pu:Unit)
WITH regionUnits, collect(DISTINCT pu.id) AS policyUnits
OPTIONAL MATCH (yu:Unit)<-[:OF_UNIT]-(yd:BudgetDocument)
WHERE ($yearMin IS NOT NULL OR $yearMax IS NOT NULL)
  AND ($yearMin IS NULL OR yd.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR yd.fiscalYear <= $yearMax)
WITH regionUnits, policyUnits, collect(DISTINCT yu.id) AS yearUnits
MATCH (u:Unit)
WHERE ($text IS NULL OR u.name CONTAINS $text OR any(n IN u.names WHERE n CONTAINS $text))
  AND ($region IS NULL OR u.id IN regionUnits)
  AND ($policy IS NULL OR u.id IN policyUnits)
  AND (($yearMin IS NULL AND $yearMax IS NULL) OR u.id IN yearUnits)
WITH u ORDER BY CASE WHEN $desc THEN null ELSE u[$sort] END, CASE WHEN $desc THEN u[$sort] END DESC, u.id
WITH collect(u) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: documents_page
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH collect(ru.id) AS regionUnits
OPTIONAL MATCH (:Policy {key: $policy})<-[:CITES]-(cd:BudgetDocument)
WITH regionUnits, collect(DISTINCT cd.id) AS citing
OPTIONAL MATCH (sfc:FunctionClass)<-[:SPENDS]-(sd:BudgetDocument)
WHERE sfc.code STARTS WITH $codePrefix
WITH regionUnits, citing, collect(DISTINCT sd.id) AS spending
MATCH (d:BudgetDocument)-[:OF_UNIT]->(u:Unit)
WHERE ($yearMin IS NULL OR d.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR d.fiscalYear <= $yearMax)
  AND ($kind IS NULL OR d.kind = $kind) AND ($scope IS NULL OR d.scope = $scope)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND ($amountMin IS NULL OR d.totalWan >= $amountMin) AND ($amountMax IS NULL OR d.totalWan <= $amountMax)
  AND ($text IS NULL OR d.title CONTAINS $text)
  AND ($region IS NULL OR u.id IN regionUnits)
  AND ($policy IS NULL OR d.id IN citing)
  AND ($codePrefix IS NULL OR d.id IN spending)
WITH d ORDER BY CASE WHEN $desc THEN null ELSE d[$sort] END, CASE WHEN $desc THEN d[$sort] END DESC, d.id
WITH collect(d) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: projects_page
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
  AND ($amountMin IS NULL OR p.budgetWan >= $amountMin) AND ($amountMax IS NULL OR p.budgetWan <= $amountMax)
  AND (NOT $subsidiesOnly OR p:Subsidy)
  AND ($text IS NULL OR p.name CONTAINS $text)
  AND ($region IS NULL OR u.id IN regionUnits)
  AND ($policy IS NULL OR p.id IN policyProjects)
  AND ($issuer IS NULL OR p.id IN issuerProjects)
WITH p ORDER BY CASE WHEN $desc THEN null ELSE p[$sort] END, CASE WHEN $desc THEN p[$sort] END DESC, p.id
WITH collect(p) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: policies_page
OPTIONAL MATCH (fu:Unit) WHERE fu.id = $unit OR fu.name = $unit OR $unit IN fu.names
OPTIONAL MATCH (fu)<-[:UNDERTAKEN_BY]-(:Project)<-[:BASIS_OF|ALLOCATES]-(fp:Policy)
WITH collect(DISTINCT fp.key) AS unitPolicies
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(:Unit)<-[:UNDERTAKEN_BY]-(:Project)<-[:BASIS_OF|ALLOCATES]-(rp:Policy)
WITH unitPolicies, collect(DISTINCT rp.key) AS regionPolicies
MATCH (pol:Policy)
WHERE ($issuer IS NULL OR pol.issuer CONTAINS $issuer)
  AND ($yearMin IS NULL OR pol.year >= $yearMin) AND ($yearMax IS NULL OR pol.year <= $yearMax)
  AND ($text IS NULL OR pol.docNumber CONTAINS $text OR pol.title CONTAINS $text)
  AND ($unit IS NULL OR pol.key IN unitPolicies)
  AND ($region IS NULL OR pol.key IN regionPolicies)
WITH pol ORDER BY CASE WHEN $desc THEN null ELSE pol[$sort] END, CASE WHEN $desc THEN pol[$sort] END DESC, pol.key
WITH collect(pol) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: indicators_page
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(ru:Unit)
WITH collect(ru.id) AS regionUnits
OPTIONAL MATCH (:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(pp:Project)
WITH regionUnits, collect(DISTINCT pp.id) AS policyProjects
MATCH (u:Unit)<-[:UNDERTAKEN_BY]-(p:Project)-[:HAS_INDICATOR]->(i:Indicator)
WHERE ($yearMin IS NULL OR p.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR p.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND (NOT $subsidiesOnly OR p:Subsidy)
  AND ($text IS NULL OR i.name CONTAINS $text)
  AND ($region IS NULL OR u.id IN regionUnits)
  AND ($policy IS NULL OR p.id IN policyProjects)
WITH i ORDER BY CASE WHEN $desc THEN null ELSE i[$sort] END, CASE WHEN $desc THEN i[$sort] END DESC, i.id
WITH collect(i) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: regions_page
// Regions are few (reference data), so their maps, with the parent's name, are collected whole.
OPTIONAL MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(sub:Region)
WITH collect(sub.name) AS within
MATCH (r:Region)
WHERE ($text IS NULL OR r.name CONTAINS $text) AND ($region IS NULL OR r.name IN within)
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
WITH r, parent ORDER BY CASE WHEN $desc THEN null ELSE r[$sort] END, CASE WHEN $desc THEN r[$sort] END DESC, r.name
WITH collect(r {.name, parent: parent.name}) AS rows
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS items

// name: function_classes_page
MATCH (fc:FunctionClass)
WHERE ($codePrefix IS NULL OR fc.code STARTS WITH $codePrefix)
  AND ($level IS NULL OR size(fc.code) = $level)
  AND ($text IS NULL OR fc.name CONTAINS $text)
WITH fc ORDER BY CASE WHEN $desc THEN null ELSE fc[$sort] END, CASE WHEN $desc THEN fc[$sort] END DESC, fc.code
WITH collect(fc) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: load_runs_page
MATCH (r:LoadRun)
WITH r ORDER BY CASE WHEN $desc THEN null ELSE r[$sort] END, CASE WHEN $desc THEN r[$sort] END DESC, r.id
WITH collect(r) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: findings_page
MATCH (d:BudgetDocument)-[:HAS_FINDING|ABOUT]-(f:DataQualityFinding), (d)-[:OF_UNIT]->(u:Unit)
WHERE ($yearMin IS NULL OR d.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR d.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND ($text IS NULL OR f.check CONTAINS $text OR f.message CONTAINS $text)
WITH f ORDER BY CASE WHEN $desc THEN null ELSE f[$sort] END, CASE WHEN $desc THEN f[$sort] END DESC, f.id
WITH collect(f) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items
