// Reads behind the GraphQL API. Batch reads take $ids and return `key` (the id asked for)
// and `item` (a map) per row, so one loader class serves them all (app/api/batching.py); a read
// whose item many ids share returns `keys` (those ids) instead, so the unit of 10,000 projects is
// sent, parsed and built once. Units and policies are returned as the properties their API types
// read, not {.*}: FalkorDB keeps each named node's search pairs (ngrams) beside them.

// name: documents_count
MATCH (d:BudgetDocument) RETURN count(d) AS count

// name: documents_by_id
UNWIND $ids AS id
MATCH (d:BudgetDocument {id: id})
RETURN id AS key, d {.@BudgetDocument} AS item

// name: policy_by_key
MATCH (p:Policy {key: $key})
RETURN p {.key, .docNumber, .title, .issuer, .year} AS item

// name: unit_by_name
// A unit by the names it may be written as ($names, the name asked first: app/api/lookups.py),
// sought on the id's unique index by their unit keys ($keys): the loader files a unit under the
// key of its name (loaders/pipeline.py), so every name a unit has had keys to its id. Its current
// name wins over a former one, a former one over a key.
MATCH (u:Unit)
WHERE u.id IN $keys
RETURN u {.id, .name, .names} AS item,
       CASE WHEN u.name = $names[0] THEN 0 WHEN $names[0] IN u.names THEN 1 WHEN u.name IN $names THEN 2 ELSE 3 END AS rank
ORDER BY rank, u.id
LIMIT 1

// name: units_by_id
UNWIND $ids AS id
MATCH (u:Unit {id: id})
RETURN id AS key, u {.id, .name, .names} AS item

// name: regions_by_name
UNWIND $ids AS id
MATCH (r:Region {name: id})
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
RETURN id AS key, r {.name, parent: parent.name} AS item

// name: region_of_units
// The unit's region as regions_by_name returns it: one read for a list of units' regions.
UNWIND $ids AS id
MATCH (:Unit {id: id})-[:IN_REGION]->(r:Region)
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
RETURN id AS key, r {.name, parent: parent.name} AS item

// name: documents_of_units
UNWIND $ids AS id
MATCH (:Unit {id: id})<-[:OF_UNIT]-(d:BudgetDocument)
RETURN id AS key, d {.@BudgetDocument} AS item
ORDER BY d.fiscalYear, d.id

// name: projects_of_units
UNWIND $ids AS id
MATCH (:Unit {id: id})<-[:UNDERTAKEN_BY]-(p:Project)
RETURN id AS key, p {.@Project} AS item
ORDER BY p.fiscalYear, p.name

// name: projects_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[:DISCLOSES]->(p:Project)
RETURN id AS key, p {.@Project} AS item
ORDER BY p.sourceLineStart, p.name

// name: projects_of_policies
UNWIND $ids AS id
MATCH (:Policy {key: id})-[:BASIS_OF|ALLOCATES]->(p:Project)
WITH DISTINCT id, p ORDER BY p.fiscalYear, p.id
RETURN id AS key, p {.@Project} AS item

// name: projects_by_id
UNWIND $ids AS id
MATCH (p:Project {id: id})
RETURN id AS key, p {.@Project} AS item

// name: policies_of_projects
UNWIND $ids AS id
MATCH (:Project {id: id})<-[:BASIS_OF|ALLOCATES]-(policy:Policy)
WITH DISTINCT id, policy ORDER BY policy.key
RETURN id AS key, policy {.key, .docNumber, .title, .issuer, .year} AS item

// name: cited_policies_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[:CITES]->(policy:Policy)
WITH DISTINCT id, policy ORDER BY policy.key
RETURN id AS key, policy {.key, .docNumber, .title, .issuer, .year} AS item

// name: indicators_of_projects
UNWIND $ids AS id
MATCH (:Project {id: id})-[:HAS_INDICATOR]->(i:Indicator)
RETURN id AS key, i {.@Indicator} AS item
ORDER BY i.sourceLineStart, i.id

// name: expenditure_lines_of_projects
// The project's cells of the 项目支出表, in table order, with the function class's name.
UNWIND $ids AS id
MATCH (:Project {id: id})-[s:SPENDS]->(fc:FunctionClass)
RETURN id AS key, s {.*, functionName: fc.name} AS item
ORDER BY s.position

// name: project_lines_of_documents
// The document's whole 项目支出表 in table order: lines of the projects it describes and lines
// naming a project it does not (kept on the document, PROJECT_SPENDS).
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[:DISCLOSES]->(:Project)-[s:SPENDS]->(fc:FunctionClass)
RETURN id AS key, s {.*, functionName: fc.name} AS item
UNION ALL
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[s:PROJECT_SPENDS]->(fc:FunctionClass)
RETURN id AS key, s {.*, functionName: fc.name} AS item

// name: departments_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[listed:LISTS_DEPARTMENT]->(dep:Department)
RETURN id AS key, dep {.*} AS item
ORDER BY listed.position

// name: function_lines_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[s:SPENDS]->(fc:FunctionClass)
RETURN id AS key, s {.*, code: fc.code, name: coalesce(s.printedName, fc.name)} AS item
ORDER BY fc.code

// name: function_narratives_of_documents
// Every 项 the 情况说明 describes: on the function line that holds it, or a FunctionNarrative node.
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[s:SPENDS]->(fc:FunctionClass)
WHERE s.narrativeItem IS NOT NULL
RETURN id AS key, s {.*, narrativeCode: fc.code, inTable: true} AS item
UNION ALL
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[:STATES_FUNCTION]->(n:FunctionNarrative)
RETURN id AS key, n {.*, inTable: false} AS item

// name: funding_lineage
// The policy, the projects it is the basis of or allocates money to, the allocation documents
// funding those same projects, their units and the units' regions up the hierarchy (4 steps at
// most): the one path to the top of it, which holds every shorter one (a row per step up would
// multiply the rows: 11,595 for a policy of 4,257 projects).
MATCH (policy:Policy {key: $key})-[link:BASIS_OF|ALLOCATES]->(p:Project)-[:UNDERTAKEN_BY]->(u:Unit)
OPTIONAL MATCH (other:Policy)-[:ALLOCATES]->(p)
OPTIONAL MATCH (u)-[:IN_REGION]->(region:Region)
OPTIONAL MATCH path = (region)-[:PART_OF*0..4]->(ancestor:Region)
WHERE length(path) = 4 OR NOT (ancestor)-[:PART_OF]->(:Region)
RETURN policy.key AS policyKey, type(link) AS linkType,
       p {.id, .name, .fiscalYear, .budgetWan} AS project,
       u {.id, .name} AS unit,
       other.key AS allocationKey, other.docNumber AS allocationNumber,
       region.name AS region,
       [r IN relationships(path) | [startNode(r).name, endNode(r).name]] AS regionChain

// name: unit_of_projects
UNWIND $ids AS id
MATCH (:Project {id: id})-[:UNDERTAKEN_BY]->(u:Unit)
WITH u, collect(id) AS keys
RETURN keys, u {.id, .name, .names} AS item

// name: document_of_projects
UNWIND $ids AS id
MATCH (:Project {id: id})<-[:DISCLOSES]-(d:BudgetDocument)
WITH d, collect(id) AS keys
RETURN keys, d {.@BudgetDocument} AS item

// name: unit_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[:OF_UNIT]->(u:Unit)
WITH u, collect(id) AS keys
RETURN keys, u {.id, .name, .names} AS item

// name: children_of_regions
UNWIND $ids AS id
MATCH (r:Region)-[:PART_OF]->(:Region {name: id})
RETURN id AS key, r {.name, parent: id} AS item
ORDER BY r.name

// name: units_of_regions
UNWIND $ids AS id
MATCH (u:Unit)-[:IN_REGION]->(:Region {name: id})
RETURN id AS key, u {.id, .name, .names} AS item
ORDER BY u.name

// name: departments_of_units
UNWIND $ids AS id
MATCH (dep:Department)-[:PART_OF]->(:Unit {id: id})
RETURN id AS key, dep {.*} AS item
ORDER BY dep.name

// name: function_classes_by_code
UNWIND $ids AS id
MATCH (fc:FunctionClass {code: id})
RETURN id AS key, fc {.*} AS item

// name: children_of_function_classes
// The codes PART_OF this one: the loader links every code to its 款 and 类 (graph/classes.py).
UNWIND $ids AS id
MATCH (fc:FunctionClass)-[:PART_OF]->(:FunctionClass {code: id})
RETURN id AS key, fc {.*} AS item
ORDER BY fc.code

// name: economic_lines_of_documents
// With the 类 (3-digit class) a 款 row is PART_OF, read in the same trip.
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[s:SPENDS_ECONOMIC]->(e:EconomicClass)
OPTIONAL MATCH (e)-[:PART_OF]->(k:EconomicClass)
RETURN id AS key, s {.*, code: e.code, name: coalesce(s.printedName, e.name), classCode: k.code, className: k.name} AS item
ORDER BY e.code

// name: income_lines_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[i:HAS_INCOME]->(f:FundingSource)
RETURN id AS key, i {.*, name: f.name} AS item
ORDER BY i.position

// name: findings_of_documents
// The loader's checks (HAS_FINDING) and reviewers' reports (ABOUT, see admin.cypher).
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[:HAS_FINDING|ABOUT]-(f:DataQualityFinding)
RETURN id AS key, f {.*} AS item
ORDER BY f.id

// name: document_of_findings
UNWIND $ids AS id
MATCH (d:BudgetDocument)-[:HAS_FINDING|ABOUT]-(:DataQualityFinding {id: id})
RETURN id AS key, d {.@BudgetDocument} AS item

// name: project_of_indicators
// An indicator is found from its project, whose id its own begins with (graph/payload.py
// indicator_by_key): FalkorDB keeps no index on 180,000 indicators' ids.
UNWIND $ids AS id
MATCH @indicator_by_key(i, id, p)
RETURN id AS key, p {.@Project} AS item

// name: history_of_projects
// The same project of the same unit in every year and document: the projects SAME_PROJECT_AS links
// join to it (renamed and re-worded ones included, see vocab/resolve.py link_projects) and those
// with the same name (nameKey, the normalised name, when the loader stores it). Separate MATCH
// clauses, so that Neo4j's one-use-per-relationship rule does not drop the project itself.
UNWIND $ids AS id
MATCH (p:Project {id: id})-[:UNDERTAKEN_BY]->(u:Unit)
OPTIONAL MATCH (p)-[:SAME_PROJECT_AS*1..10]-(linked:Project)
WITH id, p, u, collect(DISTINCT linked.id) AS linkedIds
MATCH (u)<-[:UNDERTAKEN_BY]-(q:Project)
WHERE q.id = p.id OR q.id IN linkedIds OR coalesce(q.nameKey, q.name) = coalesce(p.nameKey, p.name)
RETURN id AS key, q {.@Project} AS item
ORDER BY q.fiscalYear, q.id

// name: links_of_projects
// The projects of other documents a project is linked to as the same project, with the linker's
// confidence and reason.
UNWIND $ids AS id
MATCH (:Project {id: id})-[l:SAME_PROJECT_AS]-(q:Project)
RETURN id AS key, {project: q {.@Project}, confidence: l.similarity, reason: l.reason} AS item
ORDER BY q.fiscalYear, q.id

// name: documents_citing_policies
UNWIND $ids AS id
MATCH (d:BudgetDocument)-[:CITES]->(:Policy {key: id})
WITH DISTINCT id, d ORDER BY d.fiscalYear, d.id
RETURN id AS key, d {.@BudgetDocument} AS item

// name: policies_by_key
UNWIND $ids AS id
MATCH (p:Policy {key: id})
RETURN id AS key, p {.key, .docNumber, .title, .issuer, .year} AS item

// name: project_history
// $unit is the id of the unit app/api/lookups.py found.
MATCH (u:Unit {id: $unit})<-[:UNDERTAKEN_BY]-(p:Project)
WHERE coalesce(p.nameKey, p.name) = $name
RETURN p {.@Project} AS item
ORDER BY p.fiscalYear, p.id

// name: indicators_by_id
// From the indicator's project, as project_of_indicators.
UNWIND $ids AS id
MATCH @indicator_by_key(i, id)
RETURN id AS key, i {.@Indicator} AS item

// name: findings_by_id
UNWIND $ids AS id
MATCH (f:DataQualityFinding {id: id})
RETURN id AS key, f {.*} AS item

// name: load_runs_by_id
UNWIND $ids AS id
MATCH (r:LoadRun {id: id})
RETURN id AS key, r {.*} AS item
