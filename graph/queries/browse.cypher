// Root lists of the GraphQL API (app/api/pagination.py). Every *_page query receives the same
// filter parameters, null when unset ($yearMin $yearMax $kind $unit $region $policy $issuer
// $codePrefix $amountMin $amountMax $subsidiesOnly $text $level), a sort property $sort with
// $desc, and $skip/$limit; it returns one row: total and the page's items.
// FalkorDB evaluates pattern comprehensions in WITH but not in WHERE, so relation filters are
// computed in a WITH (only when their parameter is set) and tested after it. A region filter
// includes sub-regions: [:PART_OF*0..8] from the unit's region up to the one asked for.
// Comprehensions of one WITH use distinct variable names: FalkorDB confuses equal ones.

// name: units_page
MATCH (u:Unit)
WHERE $text IS NULL OR any(n IN u.names WHERE n CONTAINS $text) OR u.name CONTAINS $text
WITH u,
     CASE WHEN $region IS NULL THEN [] ELSE [(u)-[:IN_REGION]->(:Region)-[:PART_OF*0..8]->(a:Region) | a.name] END AS regions,
     CASE WHEN $yearMin IS NULL AND $yearMax IS NULL THEN [] ELSE [(u)<-[:OF_UNIT]-(d:BudgetDocument) | d.fiscalYear] END AS years,
     CASE WHEN $policy IS NULL THEN [] ELSE [(u)<-[:UNDERTAKEN_BY]-(:Project)<-[:BASIS_OF|ALLOCATES]-(pol:Policy) | pol.key] END AS policies
WHERE ($region IS NULL OR $region IN regions)
  AND (($yearMin IS NULL AND $yearMax IS NULL)
       OR any(y IN years WHERE ($yearMin IS NULL OR y >= $yearMin) AND ($yearMax IS NULL OR y <= $yearMax)))
  AND ($policy IS NULL OR $policy IN policies)
WITH u ORDER BY CASE WHEN $desc THEN null ELSE u[$sort] END, CASE WHEN $desc THEN u[$sort] END DESC, u.id
WITH collect(u) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: documents_page
MATCH (d:BudgetDocument)-[:OF_UNIT]->(u:Unit)
WHERE ($yearMin IS NULL OR d.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR d.fiscalYear <= $yearMax)
  AND ($kind IS NULL OR d.kind = $kind)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND ($amountMin IS NULL OR d.totalWan >= $amountMin) AND ($amountMax IS NULL OR d.totalWan <= $amountMax)
  AND ($text IS NULL OR d.title CONTAINS $text)
WITH d,
     CASE WHEN $region IS NULL THEN [] ELSE [(u)-[:IN_REGION]->(:Region)-[:PART_OF*0..8]->(a:Region) | a.name] END AS regions,
     CASE WHEN $policy IS NULL THEN [] ELSE [(d)-[:CITES]->(pol:Policy) | pol.key] END AS policies,
     CASE WHEN $codePrefix IS NULL THEN [] ELSE [(d)-[:SPENDS]->(fc:FunctionClass) | fc.code] END AS codes
WHERE ($region IS NULL OR $region IN regions)
  AND ($policy IS NULL OR $policy IN policies)
  AND ($codePrefix IS NULL OR any(c IN codes WHERE c STARTS WITH $codePrefix))
WITH d ORDER BY CASE WHEN $desc THEN null ELSE d[$sort] END, CASE WHEN $desc THEN d[$sort] END DESC, d.id
WITH collect(d) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: projects_page
MATCH (p:Project)-[:UNDERTAKEN_BY]->(u:Unit)
WHERE ($yearMin IS NULL OR p.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR p.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND ($amountMin IS NULL OR p.budgetWan >= $amountMin) AND ($amountMax IS NULL OR p.budgetWan <= $amountMax)
  AND (NOT $subsidiesOnly OR p:Subsidy)
  AND ($text IS NULL OR p.name CONTAINS $text)
WITH p,
     CASE WHEN $region IS NULL THEN [] ELSE [(u)-[:IN_REGION]->(:Region)-[:PART_OF*0..8]->(a:Region) | a.name] END AS regions,
     CASE WHEN $policy IS NULL THEN [] ELSE [(pol:Policy)-[:BASIS_OF|ALLOCATES]->(p) | pol.key] END AS policies,
     CASE WHEN $issuer IS NULL THEN [] ELSE [(funder:Policy)-[:BASIS_OF|ALLOCATES]->(p) | funder.issuer] END AS issuers
WHERE ($region IS NULL OR $region IN regions)
  AND ($policy IS NULL OR $policy IN policies)
  AND ($issuer IS NULL OR any(i IN issuers WHERE i CONTAINS $issuer))
WITH p ORDER BY CASE WHEN $desc THEN null ELSE p[$sort] END, CASE WHEN $desc THEN p[$sort] END DESC, p.id
WITH collect(p) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: policies_page
MATCH (pol:Policy)
WHERE ($issuer IS NULL OR pol.issuer CONTAINS $issuer)
  AND ($yearMin IS NULL OR pol.year >= $yearMin) AND ($yearMax IS NULL OR pol.year <= $yearMax)
  AND ($text IS NULL OR pol.docNumber CONTAINS $text OR pol.title CONTAINS $text)
WITH pol,
     CASE WHEN $unit IS NULL THEN [] ELSE [(pol)-[:BASIS_OF|ALLOCATES]->(:Project)-[:UNDERTAKEN_BY]->(u:Unit) | [u.id, u.name] + u.names] END AS units,
     CASE WHEN $region IS NULL THEN [] ELSE [(pol)-[:BASIS_OF|ALLOCATES]->(:Project)-[:UNDERTAKEN_BY]->(:Unit)-[:IN_REGION]->(:Region)-[:PART_OF*0..8]->(a:Region) | a.name] END AS regions
WHERE ($unit IS NULL OR any(names IN units WHERE $unit IN names))
  AND ($region IS NULL OR $region IN regions)
WITH pol ORDER BY CASE WHEN $desc THEN null ELSE pol[$sort] END, CASE WHEN $desc THEN pol[$sort] END DESC, pol.key
WITH collect(pol) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: indicators_page
MATCH (u:Unit)<-[:UNDERTAKEN_BY]-(p:Project)-[:HAS_INDICATOR]->(i:Indicator)
WHERE ($yearMin IS NULL OR p.fiscalYear >= $yearMin) AND ($yearMax IS NULL OR p.fiscalYear <= $yearMax)
  AND ($unit IS NULL OR u.id = $unit OR u.name = $unit OR $unit IN u.names)
  AND (NOT $subsidiesOnly OR p:Subsidy)
  AND ($text IS NULL OR i.name CONTAINS $text)
WITH i,
     CASE WHEN $region IS NULL THEN [] ELSE [(u)-[:IN_REGION]->(:Region)-[:PART_OF*0..8]->(a:Region) | a.name] END AS regions,
     CASE WHEN $policy IS NULL THEN [] ELSE [(pol:Policy)-[:BASIS_OF|ALLOCATES]->(p) | pol.key] END AS policies
WHERE ($region IS NULL OR $region IN regions) AND ($policy IS NULL OR $policy IN policies)
WITH i ORDER BY CASE WHEN $desc THEN null ELSE i[$sort] END, CASE WHEN $desc THEN i[$sort] END DESC, i.id
WITH collect(i) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items

// name: regions_page
// Regions are few (reference data), so their maps, with the parent's name, are collected whole.
MATCH (r:Region)
WHERE $text IS NULL OR r.name CONTAINS $text
WITH r, CASE WHEN $region IS NULL THEN [] ELSE [(r)-[:PART_OF*0..8]->(a:Region) | a.name] END AS ancestors
WHERE $region IS NULL OR $region IN ancestors
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
WITH f ORDER BY CASE WHEN $desc THEN null ELSE f[$sort] END, CASE WHEN $desc THEN f[$sort] END DESC, f.id
WITH collect(f) AS rows
RETURN size(rows) AS total, [n IN rows[$skip..$skip + $limit] | n {.*}] AS items
