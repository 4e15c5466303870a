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
// One format stamp (graph/queries/upgrade.cypher); the loader lock serializes its writers too.
CREATE CONSTRAINT graph_format_id IF NOT EXISTS FOR (n:GraphFormat) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT funding_source_name IF NOT EXISTS FOR (n:FundingSource) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT economic_class_code IF NOT EXISTS FOR (n:EconomicClass) REQUIRE n.code IS UNIQUE;
// One node per distinct indicator name and project name, linked from its indicators or projects
// (NAMED): what search indexes.
CREATE CONSTRAINT indicator_name_key IF NOT EXISTS FOR (n:IndicatorName) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT project_name_key IF NOT EXISTS FOR (n:ProjectName) REQUIRE n.name IS UNIQUE;
CREATE INDEX document_source_path IF NOT EXISTS FOR (n:BudgetDocument) ON (n.sourcePath);
CREATE INDEX unit_name IF NOT EXISTS FOR (n:Unit) ON (n.name);
CREATE INDEX document_year IF NOT EXISTS FOR (n:BudgetDocument) ON (n.fiscalYear);
CREATE INDEX document_sha IF NOT EXISTS FOR (n:BudgetDocument) ON (n.sha256);
CREATE INDEX project_year IF NOT EXISTS FOR (n:Project) ON (n.fiscalYear);
CREATE INDEX policy_doc_number IF NOT EXISTS FOR (n:Policy) ON (n.docNumber);
// Sort keys of the root lists (app/api/sorting.py): a page is read in index order from its cursor.
// Each is indexed with the node's key after it, the order a page reads (ties by key), so Neo4j
// reads a page of rows sharing a value (thousands of indicators share a name) in order too, never
// every tie to sort them; properties a filter also reads alone keep their own index above/below.
CREATE INDEX unit_name_page IF NOT EXISTS FOR (n:Unit) ON (n.name, n.id);
CREATE INDEX document_year_page IF NOT EXISTS FOR (n:BudgetDocument) ON (n.fiscalYear, n.id);
CREATE INDEX document_total IF NOT EXISTS FOR (n:BudgetDocument) ON (n.totalWan);
CREATE INDEX document_total_page IF NOT EXISTS FOR (n:BudgetDocument) ON (n.totalWan, n.id);
CREATE INDEX document_title_page IF NOT EXISTS FOR (n:BudgetDocument) ON (n.title, n.id);
CREATE INDEX project_year_page IF NOT EXISTS FOR (n:Project) ON (n.fiscalYear, n.id);
CREATE INDEX project_budget IF NOT EXISTS FOR (n:Project) ON (n.budgetWan);
CREATE INDEX project_budget_page IF NOT EXISTS FOR (n:Project) ON (n.budgetWan, n.id);
CREATE INDEX project_executed_page IF NOT EXISTS FOR (n:Project) ON (n.executedWan, n.id);
CREATE INDEX project_beneficiaries_page IF NOT EXISTS FOR (n:Project) ON (n.beneficiaryCount, n.id);
CREATE INDEX project_name_page IF NOT EXISTS FOR (n:Project) ON (n.name, n.id);
CREATE INDEX policy_year IF NOT EXISTS FOR (n:Policy) ON (n.year);
CREATE INDEX policy_year_page IF NOT EXISTS FOR (n:Policy) ON (n.year, n.key);
CREATE INDEX policy_issuer_page IF NOT EXISTS FOR (n:Policy) ON (n.issuer, n.key);
CREATE INDEX indicator_id IF NOT EXISTS FOR (n:Indicator) ON (n.id);
CREATE INDEX indicator_name_page IF NOT EXISTS FOR (n:Indicator) ON (n.name, n.id);
CREATE INDEX indicator_score_page IF NOT EXISTS FOR (n:Indicator) ON (n.score, n.id);
CREATE INDEX indicator_line_page IF NOT EXISTS FOR (n:Indicator) ON (n.sourceLineStart, n.id);
// FalkorDB bounds a page of text by a range over its rows' places in (text, key) order (graph/order.py), integers.
CREATE INDEX project_name_order IF NOT EXISTS FOR (n:Project) ON (n.nameOrder);
CREATE INDEX indicator_name_order IF NOT EXISTS FOR (n:Indicator) ON (n.nameOrder);
CREATE INDEX unit_name_order IF NOT EXISTS FOR (n:Unit) ON (n.nameOrder);
CREATE INDEX document_title_order IF NOT EXISTS FOR (n:BudgetDocument) ON (n.titleOrder);
CREATE INDEX policy_issuer_order IF NOT EXISTS FOR (n:Policy) ON (n.issuerOrder);
// and a page of a year (a score) by its rows' places in (year, key) order (graph/order.py ORDERED_TIES).
CREATE INDEX document_year_order IF NOT EXISTS FOR (n:BudgetDocument) ON (n.fiscalYearOrder);
CREATE INDEX project_year_order IF NOT EXISTS FOR (n:Project) ON (n.fiscalYearOrder);
CREATE INDEX indicator_score_order IF NOT EXISTS FOR (n:Indicator) ON (n.scoreOrder);
// A bounded page reads its list's histogram (graph/browse.py PageBounds) by the list's name, not every histogram.
CREATE INDEX page_bounds_list IF NOT EXISTS FOR (n:PageBounds) ON (n.list);
CREATE INDEX function_class_name_page IF NOT EXISTS FOR (n:FunctionClass) ON (n.name, n.code);
// Roll-up cells (graph/rollups.py): a cell of a region names the cell of all regions it adds up
// into (cell) and, for projects, its region's area cell (area); aggregate() reads a cell family, or
// a unit's roll-ups (through its documents); a region's projects count reads area cells.
CREATE CONSTRAINT rollup_cell_key IF NOT EXISTS FOR (n:RollupCell) REQUIRE n.key IS UNIQUE;
CREATE INDEX rollup_cell_family_level IF NOT EXISTS FOR (n:RollupCell) ON (n.family, n.level);
CREATE INDEX rollup_cell_cell IF NOT EXISTS FOR (n:RollupCell) ON (n.cell);
CREATE INDEX rollup_cell_area IF NOT EXISTS FOR (n:RollupCell) ON (n.area);
CREATE INDEX load_run_started_page IF NOT EXISTS FOR (n:LoadRun) ON (n.startedAt, n.id);
CREATE INDEX finding_id IF NOT EXISTS FOR (n:DataQualityFinding) ON (n.id);
CREATE INDEX finding_check_page IF NOT EXISTS FOR (n:DataQualityFinding) ON (n.check, n.id);
CREATE INDEX finding_difference_page IF NOT EXISTS FOR (n:DataQualityFinding) ON (n.differenceWan, n.id);
// Search (app/api/search.py): Neo4j's full-text indexes with the cjk analyzer (character pairs);
// FalkorDB gets one full-text index per label over the pairs the loader writes (graph/dialect.py).
CREATE FULLTEXT INDEX unit_text IF NOT EXISTS FOR (n:Unit) ON EACH [n.name, n.names] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX policy_text IF NOT EXISTS FOR (n:Policy) ON EACH [n.docNumber, n.title] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
// Indicators and projects are found by their names' nodes: one entry per distinct name, not per node.
CREATE FULLTEXT INDEX project_name_text IF NOT EXISTS FOR (n:ProjectName) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX indicator_name_text IF NOT EXISTS FOR (n:IndicatorName) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX document_text IF NOT EXISTS FOR (n:BudgetDocument) ON EACH [n.title] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX region_text IF NOT EXISTS FOR (n:Region) ON EACH [n.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
