// The graph's format: which shape of the graph the code that last wrote it knew (app/loading/upgrade.py).
// A graph written before the stamp existed has none; its steps are run from the first.

// name: graph_format
// The stamp, and whether the graph holds any document (an empty graph has nothing to upgrade).
OPTIONAL MATCH (format:GraphFormat {id: 'graph'})
WITH format.version AS version
OPTIONAL MATCH (d:BudgetDocument)
WITH version, d LIMIT 1
RETURN version, d IS NOT NULL AS written

// name: stamp_graph_format
MERGE (format:GraphFormat {id: 'graph'})
SET format.version = $version

// name: documents_without_rollups
// Documents written before roll-ups existed (only re-extracting their files writes them).
MATCH (d:BudgetDocument) WHERE NOT (d)-[:ROLLS_UP]->(:Rollup)
RETURN count(d) AS count

// name: documents_not_rolled_up
// Documents written before each rolled up as itself (graph/rollups.py DOCUMENTS), a batch at a time.
MATCH (d:BudgetDocument) WHERE NOT (d)-[:ROLLS_UP]->(:Rollup {family: 'DOCUMENTS'})
RETURN d.id AS id, d.fiscalYear AS fiscalYear, d.kind AS kind, d.scope AS scope LIMIT $limit

// name: roll_up_documents
// Their DOCUMENTS roll-ups ($rows: id, rollup), placed in their cells afterwards (place_unit_rollups).
UNWIND $rows AS row
MATCH (d:BudgetDocument {id: row.id})
CREATE (d)-[:ROLLS_UP]->(rollup:Rollup)
SET rollup += row.rollup

