// Writes the API allows with the API key (app/api/mutations.py).

// name: report_finding
// A reviewer's finding points at the document (ABOUT), so reloading the document, which
// replaces the document's own outgoing facts, keeps it.
MATCH (d:BudgetDocument {id: $document})
CREATE (f:DataQualityFinding {id: $id})-[:ABOUT]->(d)
SET f.check = 'reviewer_report', f.message = $message, f.reportedAt = $reportedAt
RETURN f {.*} AS item
