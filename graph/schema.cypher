// Neo4j form of the graph schema. The FalkorDB adapter derives its equivalent from these
// same lines (see graph/dialect.py), so keys are declared once.
CREATE CONSTRAINT region_name IF NOT EXISTS FOR (n:Region) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT unit_id IF NOT EXISTS FOR (n:Unit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:BudgetDocument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT policy_key IF NOT EXISTS FOR (n:Policy) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT department_id IF NOT EXISTS FOR (n:Department) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT function_class_code IF NOT EXISTS FOR (n:FunctionClass) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT load_lock_id IF NOT EXISTS FOR (n:LoadLock) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT load_run_id IF NOT EXISTS FOR (n:LoadRun) REQUIRE n.id IS UNIQUE;
CREATE INDEX document_source_path IF NOT EXISTS FOR (n:BudgetDocument) ON (n.sourcePath);
CREATE INDEX unit_name IF NOT EXISTS FOR (n:Unit) ON (n.name);
CREATE INDEX document_year IF NOT EXISTS FOR (n:BudgetDocument) ON (n.fiscalYear);
CREATE INDEX document_sha IF NOT EXISTS FOR (n:BudgetDocument) ON (n.sha256);
CREATE INDEX project_year IF NOT EXISTS FOR (n:Project) ON (n.fiscalYear);
CREATE INDEX policy_doc_number IF NOT EXISTS FOR (n:Policy) ON (n.docNumber);
