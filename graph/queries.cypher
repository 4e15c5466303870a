// Every query of the service, named, in the Cypher subset Neo4j 5 and FalkorDB both run
// (no EXISTS {} subqueries, no elementId(), no toString() on floats). Values are parameters.
// Batch reads take $ids and return `key` (the id asked for) and `item` (a map) per row.

// name: upsert_document
// One query per document, so a failure anywhere rolls the whole document back on both engines.
// The document's own facts are deleted and recreated; shared nodes (units, policies, regions,
// function classes) are merged.
MERGE (d:BudgetDocument {id: $doc.id})
WITH d
OPTIONAL MATCH (d)-[:DISCLOSES]->(old:Project)
OPTIONAL MATCH (old)-[:HAS_INDICATOR]->(oldIndicator:Indicator)
DETACH DELETE oldIndicator, old
WITH DISTINCT d
OPTIONAL MATCH (d)-[r]->()
DELETE r
WITH DISTINCT d
SET d += $doc.props
MERGE (u:Unit {id: $unit.id})
ON CREATE SET u.name = $unit.name, u.nameYear = $unit.fiscalYear, u.names = []
SET u.name = CASE WHEN $unit.fiscalYear >= u.nameYear THEN $unit.name ELSE u.name END,
    u.nameYear = CASE WHEN $unit.fiscalYear >= u.nameYear THEN $unit.fiscalYear ELSE u.nameYear END,
    u.names = CASE WHEN $unit.name IN u.names THEN u.names ELSE u.names + $unit.name END
CREATE (d)-[:OF_UNIT]->(u)
FOREACH (r IN $regions |
  MERGE (child:Region {name: r.name})
  FOREACH (parentName IN CASE WHEN r.parent IS NULL THEN [] ELSE [r.parent] END |
    MERGE (parent:Region {name: parentName})
    MERGE (child)-[:PART_OF]->(parent)))
FOREACH (regionName IN CASE WHEN $region IS NULL THEN [] ELSE [$region] END |
  MERGE (region:Region {name: regionName})
  MERGE (u)-[:IN_REGION]->(region))
FOREACH (dep IN $departments |
  MERGE (department:Department {id: dep.id})
  SET department.name = dep.name
  MERGE (department)-[:PART_OF]->(u)
  CREATE (d)-[:LISTS_DEPARTMENT {position: dep.position}]->(department))
FOREACH (line IN $lines |
  MERGE (fc:FunctionClass {code: line.code})
  ON CREATE SET fc.name = line.name
  CREATE (d)-[spends:SPENDS]->(fc)
  SET spends += line.props)
FOREACH (c IN $citations |
  MERGE (policy:Policy {key: c.key})
  SET policy.docNumber = c.docNumber, policy.issuer = c.issuer, policy.year = c.year,
      policy.title = coalesce(policy.title, c.title)
  CREATE (d)-[cites:CITES]->(policy)
  SET cites += c.props)
FOREACH (pr IN $projects |
  MERGE (p:Project {id: pr.id})
  SET p += pr.props
  CREATE (d)-[:DISCLOSES]->(p)
  CREATE (p)-[:UNDERTAKEN_BY]->(u)
  FOREACH (ignored IN CASE WHEN pr.subsidy THEN [1] ELSE [] END | SET p:Subsidy)
  FOREACH (c IN [c IN pr.policies WHERE c.role = 'BASIS'] |
    MERGE (policy:Policy {key: c.key})
    CREATE (policy)-[basis:BASIS_OF]->(p)
    SET basis += c.props)
  FOREACH (c IN [c IN pr.policies WHERE c.role = 'ALLOCATION'] |
    MERGE (policy:Policy {key: c.key})
    CREATE (policy)-[allocates:ALLOCATES]->(p)
    SET allocates += c.props)
  FOREACH (ind IN pr.indicators |
    CREATE (indicator:Indicator {id: ind.id})
    SET indicator += ind.props
    CREATE (p)-[:HAS_INDICATOR]->(indicator)))
WITH DISTINCT d
OPTIONAL MATCH (orphan:Policy) WHERE NOT (orphan)--()
DELETE orphan
RETURN DISTINCT d.id AS id

// name: count_nodes
MATCH (n) RETURN count(n) AS count

// name: count_relationships
MATCH ()-[r]->() RETURN count(r) AS count

// name: count_by_label
MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label

// name: delete_all
MATCH (n) DETACH DELETE n

// name: document_shas
MATCH (d:BudgetDocument) RETURN d.sha256 AS sha256, d.id AS id

// name: documents_count
MATCH (d:BudgetDocument) RETURN count(d) AS count

// name: documents_page
MATCH (d:BudgetDocument)
RETURN d {.*} AS item
ORDER BY d.fiscalYear, d.id
SKIP $skip LIMIT $limit

// name: documents_by_id
UNWIND $ids AS id
MATCH (d:BudgetDocument {id: id})
RETURN id AS key, d {.*} AS item

// name: policy_by_key
MATCH (p:Policy {key: $key})
RETURN p {.*} AS item

// name: unit_by_name
MATCH (u:Unit)
WHERE u.name = $name OR $name IN u.names
RETURN u {.*} AS item
LIMIT 1

// name: units_by_id
UNWIND $ids AS id
MATCH (u:Unit {id: id})
RETURN id AS key, u {.*} AS item

// name: regions_by_name
UNWIND $ids AS id
MATCH (r:Region {name: id})
OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)
RETURN id AS key, r {.name, parent: parent.name} AS item

// name: region_of_units
UNWIND $ids AS id
MATCH (:Unit {id: id})-[:IN_REGION]->(r:Region)
RETURN id AS key, r.name AS item

// name: documents_of_units
UNWIND $ids AS id
MATCH (:Unit {id: id})<-[:OF_UNIT]-(d:BudgetDocument)
RETURN id AS key, d {.*} AS item
ORDER BY d.fiscalYear, d.id

// name: projects_of_units
UNWIND $ids AS id
MATCH (:Unit {id: id})<-[:UNDERTAKEN_BY]-(p:Project)
RETURN id AS key, p {.*} AS item
ORDER BY p.fiscalYear, p.name

// name: projects_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[:DISCLOSES]->(p:Project)
RETURN id AS key, p {.*} AS item
ORDER BY p.sourceLineStart, p.name

// name: projects_of_policies
UNWIND $ids AS id
MATCH (:Policy {key: id})-[:BASIS_OF|ALLOCATES]->(p:Project)
RETURN DISTINCT id AS key, p {.*} AS item
ORDER BY item.fiscalYear, item.id

// name: projects_by_id
UNWIND $ids AS id
MATCH (p:Project {id: id})
RETURN id AS key, p {.*} AS item

// name: policies_of_projects
UNWIND $ids AS id
MATCH (:Project {id: id})<-[r:BASIS_OF|ALLOCATES]-(policy:Policy)
RETURN DISTINCT id AS key, policy {.*} AS item
ORDER BY item.key

// name: cited_policies_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[c:CITES]->(policy:Policy)
RETURN DISTINCT id AS key, policy {.*} AS item
ORDER BY item.key

// name: indicators_of_projects
UNWIND $ids AS id
MATCH (:Project {id: id})-[:HAS_INDICATOR]->(i:Indicator)
RETURN id AS key, i {.*} AS item
ORDER BY i.sourceLineStart, i.id

// name: departments_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[listed:LISTS_DEPARTMENT]->(dep:Department)
RETURN id AS key, dep {.*} AS item
ORDER BY listed.position

// name: function_lines_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[s:SPENDS]->(fc:FunctionClass)
RETURN id AS key, s {.*, code: fc.code, name: fc.name} AS item
ORDER BY fc.code

// name: funding_lineage
// The policy, the projects it is the basis of or allocates money to, the allocation documents
// funding those same projects, their units and the units' regions up the hierarchy.
MATCH (policy:Policy {key: $key})-[link:BASIS_OF|ALLOCATES]->(p:Project)-[:UNDERTAKEN_BY]->(u:Unit)
OPTIONAL MATCH (other:Policy)-[:ALLOCATES]->(p)
OPTIONAL MATCH (u)-[:IN_REGION]->(region:Region)
OPTIONAL MATCH path = (region)-[:PART_OF*0..4]->(ancestor:Region)
RETURN policy.key AS policyKey, type(link) AS linkType,
       p {.id, .name, .fiscalYear, .budgetWan} AS project,
       u {.id, .name} AS unit,
       other.key AS allocationKey, other.docNumber AS allocationNumber,
       region.name AS region,
       [r IN relationships(path) | [startNode(r).name, endNode(r).name]] AS regionChain

// name: unit_of_projects
UNWIND $ids AS id
MATCH (:Project {id: id})-[:UNDERTAKEN_BY]->(u:Unit)
RETURN id AS key, u {.*} AS item

// name: document_of_projects
UNWIND $ids AS id
MATCH (:Project {id: id})<-[:DISCLOSES]-(d:BudgetDocument)
RETURN id AS key, d {.*} AS item

// name: unit_of_documents
UNWIND $ids AS id
MATCH (:BudgetDocument {id: id})-[:OF_UNIT]->(u:Unit)
RETURN id AS key, u {.*} AS item
