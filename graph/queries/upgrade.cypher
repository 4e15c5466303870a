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
