// Writing documents and whole-graph housekeeping. Every query file under graph/queries/ is in
// the Cypher subset Neo4j 5 and FalkorDB both run (no EXISTS {} subqueries, no elementId(),
// no toString() on floats); values are always parameters.

// name: upsert_document
// One query per document, so a failure anywhere rolls the whole document back on both engines.
// The document's own facts are deleted and recreated; shared nodes (units, policies, regions,
// function classes) are merged. A document the same file produced before under another
// identity (the file was edited to describe another unit-year) is removed first.
// Only policies the former versions cited or grounded a project on can be left unsupported by
// the rewrite: their keys are kept to be checked at the end, never a scan of every policy.
OPTIONAL MATCH (current:BudgetDocument {id: $doc.id})
OPTIONAL MATCH (previous:BudgetDocument {sourcePath: $doc.props.sourcePath})
UNWIND [current, previous] AS former
OPTIONAL MATCH (former)-[:CITES]->(cited:Policy)
WITH former, collect(cited.key) AS keys
OPTIONAL MATCH (former)-[:DISCLOSES]->(:Project)<-[:BASIS_OF|ALLOCATES]-(grounding:Policy)
WITH keys, collect(grounding.key) AS grounds
UNWIND keys + grounds AS key
WITH collect(DISTINCT key) AS formerPolicies
OPTIONAL MATCH (stale:BudgetDocument {sourcePath: $doc.props.sourcePath})
WHERE stale.id <> $doc.id
OPTIONAL MATCH (stale)-[:DISCLOSES]->(staleProject:Project)
OPTIONAL MATCH (staleProject)-[:HAS_INDICATOR]->(staleIndicator:Indicator)
OPTIONAL MATCH (stale)-[:HAS_FINDING]->(staleFinding:DataQualityFinding)
OPTIONAL MATCH (stale)-[:STATES_FUNCTION]->(staleNarrative:FunctionNarrative)
OPTIONAL MATCH (stale)-[:ROLLS_UP]->(staleRollup:Rollup)
WITH *, staleRollup.cell AS staleRollupCellKey
OPTIONAL MATCH (staleRollupCell:RollupCell {key: staleRollupCellKey})
SET staleRollupCell:StaleCell
WITH *
OPTIONAL MATCH (stale)-[:OF_UNIT]->(staleUnit:Unit)
DETACH DELETE staleIndicator, staleProject, staleFinding, staleNarrative, staleRollup, stale
WITH formerPolicies, collect(DISTINCT staleUnit) AS staleUnits
UNWIND staleUnits + [null] AS pu
WITH formerPolicies, pu, null AS placedKindYear
INCLUDE place_rollups
WITH formerPolicies, count(*) AS ignored
MERGE (d:BudgetDocument {id: $doc.id})
WITH d, formerPolicies
OPTIONAL MATCH (d)-[:DISCLOSES]->(old:Project)
OPTIONAL MATCH (old)-[:HAS_INDICATOR]->(oldIndicator:Indicator)
DETACH DELETE oldIndicator, old
WITH DISTINCT d, formerPolicies
OPTIONAL MATCH (d)-[:HAS_FINDING]->(oldFinding:DataQualityFinding)
DETACH DELETE oldFinding
WITH DISTINCT d, formerPolicies
OPTIONAL MATCH (d)-[:STATES_FUNCTION]->(oldNarrative:FunctionNarrative)
DETACH DELETE oldNarrative
WITH DISTINCT d, formerPolicies
OPTIONAL MATCH (d)-[:ROLLS_UP]->(oldRollup:Rollup)
WITH *, oldRollup.cell AS oldRollupCellKey
OPTIONAL MATCH (oldRollupCell:RollupCell {key: oldRollupCellKey})
SET oldRollupCell:StaleCell
DETACH DELETE oldRollup
WITH DISTINCT d, formerPolicies
OPTIONAL MATCH (d)-[r]->()
DELETE r
WITH DISTINCT d, formerPolicies
SET d += $doc.props
MERGE (u:Unit {id: $unit.id})
ON CREATE SET u.name = $unit.name, u.nameYear = $unit.fiscalYear, u.names = []
// Its place (graph/order.py) is kept while its name is, and unplaced with a new name (set first: read
// against the name it had).
SET u.nameOrder = CASE WHEN u.nameOrder IS NULL OR ($unit.fiscalYear >= u.nameYear AND u.name <> $unit.name)
                       THEN $unit.nameOrder ELSE u.nameOrder END,
    u.name = CASE WHEN $unit.fiscalYear >= u.nameYear THEN $unit.name ELSE u.name END,
    u.nameYear = CASE WHEN $unit.fiscalYear >= u.nameYear THEN $unit.fiscalYear ELSE u.nameYear END,
    u.names = CASE WHEN $unit.name IN u.names THEN u.names ELSE u.names + $unit.name END
CREATE (d)-[:OF_UNIT]->(u)
// The regions that gain a parent here: the roll-ups of the units below them are placed again (their
// region chains grow; place_rollups below places this document's unit).
WITH d, formerPolicies, u
UNWIND [r IN $regions WHERE r.parent IS NOT NULL] + [null] AS link
OPTIONAL MATCH (linked:Region {name: link.name})-[:PART_OF]->(:Region {name: link.parent})
WITH d, formerPolicies, u, collect(CASE WHEN linked IS NULL THEN link.name END) AS gaining
FOREACH (r IN $regions |
  MERGE (child:Region {name: r.name})
  FOREACH (parentName IN CASE WHEN r.parent IS NULL THEN [] ELSE [r.parent] END |
    MERGE (parent:Region {name: parentName})
    MERGE (child)-[:PART_OF]->(parent)))
FOREACH (regionName IN CASE WHEN $region IS NULL THEN [] ELSE [$region] END |
  MERGE (region:Region {name: regionName})
  MERGE (u)-[:IN_REGION]->(region))
WITH d, formerPolicies, u, gaining
UNWIND gaining + [null] AS gainer
OPTIONAL MATCH (:Region {name: gainer})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(movedUnit:Unit)
WITH d, formerPolicies, u, [m IN collect(DISTINCT movedUnit) WHERE m <> u] AS movedUnits
UNWIND movedUnits + [null] AS pu
WITH d, formerPolicies, u, pu, null AS placedKindYear
INCLUDE place_rollups
WITH DISTINCT d, formerPolicies, u
FOREACH (dep IN $departments |
  MERGE (department:Department {id: dep.id})
  SET department.name = dep.name
  MERGE (department)-[:PART_OF]->(u)
  CREATE (d)-[:LISTS_DEPARTMENT {position: dep.position}]->(department))
// Every 功能分类 code the document names, with its 款 and 类 (parents first): the published name
// when the reference table has the code, else the first printed one (graph/classes.py).
FOREACH (c IN $functionClasses |
  MERGE (fc:FunctionClass {code: c.code})
  SET fc.name = coalesce(c.name, fc.name, c.printed)
  FOREACH (parentCode IN CASE WHEN c.parent IS NULL THEN [] ELSE [c.parent] END |
    MERGE (parent:FunctionClass {code: parentCode})
    MERGE (fc)-[:PART_OF]->(parent)))
FOREACH (line IN $lines |
  MERGE (fc:FunctionClass {code: line.code})
  CREATE (d)-[spends:SPENDS]->(fc)
  SET spends += line.props)
FOREACH (inc IN $income |
  MERGE (fs:FundingSource {name: inc.name})
  CREATE (d)-[hasIncome:HAS_INCOME]->(fs)
  SET hasIncome += inc.props)
FOREACH (eco IN $economic |
  MERGE (ec:EconomicClass {code: eco.code})
  SET ec.name = coalesce(eco.name, ec.name, eco.printed)
  CREATE (d)-[spendsEconomic:SPENDS_ECONOMIC]->(ec)
  SET spendsEconomic += eco.props
  FOREACH (parentCode IN CASE WHEN eco.parent IS NULL THEN [] ELSE [eco.parent] END |
    MERGE (klass:EconomicClass {code: parentCode})
    SET klass.name = coalesce(eco.parentName, klass.name)
    MERGE (ec)-[:PART_OF]->(klass)))
FOREACH (c IN $citations |
  MERGE (policy:Policy {key: c.key})
  // its place (graph/order.py) kept while its issuer is (none without an issuer)
  SET policy.issuerOrder = CASE WHEN policy.issuer = c.issuer AND policy.issuerOrder IS NOT NULL
                                THEN policy.issuerOrder ELSE c.issuerOrder END,
      policy.docNumber = c.docNumber, policy.issuer = c.issuer, policy.year = c.year,
      policy.title = coalesce(policy.title, c.title)
  CREATE (d)-[cites:CITES]->(policy)
  SET cites += c.props)
FOREACH (pr IN $projects |
  MERGE (p:Project {id: pr.id})
  SET p += pr.props
  CREATE (d)-[:DISCLOSES]->(p)
  // its name is searched on the name's node, one per distinct name (graph/search.py)
  MERGE (projectName:ProjectName {name: pr.props.name})
  CREATE (p)-[:NAMED]->(projectName)
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
  // an indicator's name is searched on its name's node, one per distinct name (graph/search.py)
  FOREACH (ind IN pr.indicators |
    CREATE (indicator:Indicator {id: ind.id})
    SET indicator += ind.props
    CREATE (p)-[:HAS_INDICATOR]->(indicator)
    MERGE (named:IndicatorName {name: ind.props.name})
    CREATE (indicator)-[:NAMED]->(named))
  FOREACH (line IN pr.lines |
    MERGE (fc:FunctionClass {code: line.code})
    CREATE (p)-[projectSpends:SPENDS]->(fc)
    SET projectSpends += line.props))
// 项目支出表 lines naming no project the document describes: kept on the document, by name.
FOREACH (line IN $projectLines |
  MERGE (fc:FunctionClass {code: line.code})
  CREATE (d)-[projectSpends:PROJECT_SPENDS]->(fc)
  SET projectSpends += line.props)
FOREACH (finding IN $findings |
  CREATE (f:DataQualityFinding {id: finding.id})
  SET f += finding.props
  CREATE (d)-[:HAS_FINDING]->(f))
// 情况说明 statements of a 项 no function line holds (those a line holds are on its SPENDS).
FOREACH (told IN $functionNarratives |
  CREATE (narrative:FunctionNarrative {id: told.id})
  SET narrative += told.props
  CREATE (d)-[:STATES_FUNCTION]->(narrative)
  FOREACH (code IN CASE WHEN told.props.narrativeCode IS NULL THEN [] ELSE [told.props.narrativeCode] END |
    MERGE (fc:FunctionClass {code: code})
    CREATE (narrative)-[:OF_CLASS]->(fc)))
WITH DISTINCT d, formerPolicies
// One key at a time (FalkorDB answers `id IN list` by scanning the label); the null keeps a row
// when there is nothing to look up.
UNWIND [l IN $links | l.other] + [null] AS otherId
OPTIONAL MATCH (other:Project {id: otherId})
WITH d, formerPolicies, collect(other) AS others
FOREACH (l IN $links |
  FOREACH (o IN [x IN others WHERE x.id = l.other] |
    MERGE (p:Project {id: l.project})
    MERGE (p)-[same:SAME_PROJECT_AS]->(o)
    SET same.similarity = l.similarity, same.reason = l.reason))
WITH DISTINCT d, formerPolicies
// Aggregation roll-ups (graph/rollups.py): a few rows per document that aggregate() adds up in
// place of every project and line; rewritten with the document (the old ones deleted above).
FOREACH (r IN $rollups |
  CREATE (rollup:Rollup)
  SET rollup += r
  CREATE (d)-[:ROLLS_UP]->(rollup))
WITH DISTINCT d, formerPolicies
MATCH (d)-[:OF_UNIT]->(pu:Unit)
WITH d, formerPolicies, pu, d.kind + '/' + toString(d.fiscalYear) AS placedKindYear
INCLUDE place_rollups
WITH DISTINCT d, formerPolicies
// FalkorDB's full-text index cannot split Chinese into words: every node this document touched
// gets its names as overlapping character pairs ("和静 静县 县社 …", graph/search.py reads
// them), indexed like words. Neo4j's full-text index does this itself (its cjk analyzer).
//@falkordb OPTIONAL MATCH (d)-[:OF_UNIT|DISCLOSES|CITES]->(a)
//@falkordb OPTIONAL MATCH (a)-[:IN_REGION]->(b)
//@falkordb OPTIONAL MATCH (a)<-[:BASIS_OF|ALLOCATES]-(c:Policy)
//@falkordb OPTIONAL MATCH (b)-[:PART_OF*1..8]->(e:Region)
//@falkordb OPTIONAL MATCH (a)-[:HAS_INDICATOR]->(:Indicator)-[:NAMED]->(f:IndicatorName)
//@falkordb OPTIONAL MATCH (a)-[:NAMED]->(g:ProjectName)
//@falkordb WITH d, formerPolicies, [d] + [x IN collect(DISTINCT a) WHERE NOT x:Project] + collect(DISTINCT b)
//@falkordb      + collect(DISTINCT c) + collect(DISTINCT e) + collect(DISTINCT f) + collect(DISTINCT g) AS touched
//@falkordb UNWIND touched AS n
//@falkordb INCLUDE set_ngrams
//@falkordb WITH DISTINCT d, formerPolicies
// Only those the new version no longer cites (checking a policy cited everywhere reads its
// many relationships).
WITH d, [c IN $citations | c.key] + reduce(keys = [], pr IN $projects | keys + [c IN pr.policies | c.key]) AS cited,
     formerPolicies
UNWIND [k IN formerPolicies WHERE NOT k IN cited] + [null] AS formerKey
OPTIONAL MATCH (orphan:Policy {key: formerKey}) WHERE NOT (orphan)--()
DELETE orphan
WITH DISTINCT d.id AS done
INCLUDE add_up_stale_region_cells
RETURN DISTINCT done AS id

// name: set_ngrams
// A fragment (INCLUDE set_ngrams): FalkorDB's search pairs of node ``n``, from every name it is
// found by. upsert_document writes them for what a document touched, an import for every node
// (graph/transfer.py), so both index the same pairs.
//@falkordb SET n.ngrams = reduce(g = '', t IN [text IN [n.name, n.title, n.docNumber] + coalesce(n.names, []) WHERE text IS NOT NULL] |
//@falkordb   g + reduce(h = '', i IN range(0, size(t) - 2) | h + ' ' + substring(t, i, 2)))

// name: count_nodes
// Every node, from the engine's own count (FalkorDB answers only this exact form without
// reading every node); GraphStore.counts() takes the operational records away.
MATCH (n) RETURN count(n) AS count

// name: count_records
// LoadRun, LoadLock, PageBounds (graph/browse.py) and GraphFormat (upgrade.cypher): operational
// records, not facts.
OPTIONAL MATCH (run:LoadRun)
WITH count(run) AS runs
OPTIONAL MATCH (lock:LoadLock)
WITH runs, count(lock) AS locks
OPTIONAL MATCH (bounds:PageBounds)
WITH runs, locks, count(bounds) AS bounds
OPTIONAL MATCH (format:GraphFormat)
WITH runs, locks, bounds, count(format) AS formats
RETURN runs + locks + bounds + formats AS count

// name: count_relationships
MATCH ()-[r]->() RETURN count(r) AS count

// name: projects_of_unit_elsewhere
// The unit's projects disclosed by other documents: candidates for SAME_PROJECT_AS links.
// (The document is left out after the match: beside it, FalkorDB would start from every document.)
MATCH (:Unit {id: $unit})<-[:UNDERTAKEN_BY]-(p:Project)<-[:DISCLOSES]-(d:BudgetDocument)
WITH p, d WHERE d.id <> $document
OPTIONAL MATCH (p)-[:SPENDS]->(fc:FunctionClass)
RETURN p.id AS id, p.name AS name, p.fiscalYear AS fiscalYear, collect(DISTINCT fc.code) AS codes

// name: document_sources
MATCH (d:BudgetDocument)
RETURN d.id AS id, d.sourcePath AS path, d.sha256 AS sha256, d.sourceMtime AS mtime,
       d.extractorVersion AS version

// name: document_sources_at
// The documents loaded from these files (a load reads only its own, not every document).
UNWIND $paths AS path
MATCH (d:BudgetDocument {sourcePath: path})
RETURN d.id AS id, d.sourcePath AS path, d.sha256 AS sha256, d.sourceMtime AS mtime,
       d.extractorVersion AS version

// name: document_sources_of
// The documents loaded with these ids (a load looks up the ids of a batch it parsed at once).
UNWIND $ids AS id
MATCH (d:BudgetDocument {id: id})
RETURN d.id AS id, d.sourcePath AS path, d.sha256 AS sha256, d.sourceMtime AS mtime,
       d.extractorVersion AS version

// name: delete_documents
// The units' other documents are placed again: a deleted 单位 document lets its 部门 one count.
// The cells of all regions are left stale, as a document's write leaves them (the load adds them up
// once at its end, add_up_all_cells): at 10,000 documents adding them up took most of a delete.
UNWIND $ids AS id
MATCH (d:BudgetDocument {id: id})
OPTIONAL MATCH (d)-[:DISCLOSES]->(p:Project)
OPTIONAL MATCH (p)-[:HAS_INDICATOR]->(i:Indicator)
OPTIONAL MATCH (d)-[:HAS_FINDING]->(f:DataQualityFinding)
OPTIONAL MATCH (d)-[:STATES_FUNCTION]->(n:FunctionNarrative)
OPTIONAL MATCH (d)-[:ROLLS_UP]->(r:Rollup)
WITH *, r.cell AS rollupCellKey
OPTIONAL MATCH (rollupCell:RollupCell {key: rollupCellKey})
SET rollupCell:StaleCell
WITH *
OPTIONAL MATCH (d)-[:OF_UNIT]->(du:Unit)
WITH *, d.kind + '/' + toString(d.fiscalYear) AS deletedKindYear
DETACH DELETE i, p, f, n, r, d
WITH DISTINCT du AS pu, deletedKindYear AS placedKindYear
INCLUDE place_rollups
WITH count(*) AS done
INCLUDE add_up_stale_region_cells

// name: place_rollups
// A fragment (INCLUDE place_rollups): the roll-ups of unit ``pu``'s documents get what
// aggregate_rollups filters and groups by, so that it reads roll-ups alone, walking no document,
// unit or region: the unit's id and the names it is asked by (unitNames), its region chain from
// its own region up (regions), and whether the document counts under EACH_UNIT_ONCE (counted:
// not a 部门 document whose unit has a 单位 one of the same year and kind). Run whenever one of
// the unit's documents is written or deleted, since that can change its other documents' counted:
// only those of the year and kind ``placedKindYear`` ('BUDGET/2024'; null: every one) can change,
// unless the unit's names or region chain changed since its roll-ups were placed (kept on the unit,
// rollupNames and rollupRegions): a unit has about 13 documents of 10 roll-ups each at 10,000
// documents, and placing them all took most of a document's write that grew with the graph.
OPTIONAL MATCH placed = (pu)-[:IN_REGION]->(:Region)-[:PART_OF*0..8]->(placedTop:Region)
WHERE NOT (placedTop)-[:PART_OF]->(:Region)
WITH *, [(pu)<-[:OF_UNIT]-(unitDoc:BudgetDocument {scope: 'UNIT'})
         WHERE unitDoc.kind IS NOT NULL AND unitDoc.fiscalYear IS NOT NULL | unitDoc.kind + '/' + toString(unitDoc.fiscalYear)] AS alone,
     coalesce([placedRegion IN tail(nodes(placed)) | placedRegion.name], []) AS placedRegions,
     [pu.id, pu.name] + pu.names AS placedNames
WITH *, placedKindYear IS NULL OR pu.rollupNames IS NULL OR pu.rollupNames <> placedNames
        OR pu.rollupRegions <> placedRegions AS placedEvery
FOREACH (moved IN CASE WHEN placedEvery AND pu IS NOT NULL THEN [pu] ELSE [] END |
  SET moved.rollupNames = placedNames, moved.rollupRegions = placedRegions)
WITH *
OPTIONAL MATCH (pu)<-[:OF_UNIT]-(placedDoc:BudgetDocument)-[:ROLLS_UP]->(placedRollup:Rollup)
WHERE placedEvery OR placedDoc.kind + '/' + toString(placedDoc.fiscalYear) = placedKindYear
WITH *, coalesce(placedRollup.scope, '') <> 'DEPARTMENT'
       OR NOT coalesce(placedRollup.kind + '/' + toString(placedRollup.fiscalYear), '') IN alone AS placedCounted
// Its cell (graph/rollups.py): the roll-ups of one family, year, kind, scope, counted flag and
// region, in the cell of all regions of the rest. A roll-up that moves (a new one, or one whose
// region or counted flag changed) marks the cells it leaves and enters to be added up again; one
// whose region chain changed (a region above got a parent) gives its cell the new chain.
WITH *, placedRollup.family + '|' + coalesce(toString(placedRollup.fiscalYear), '') + '|'
        + coalesce(placedRollup.kind, '') + '|' + coalesce(placedRollup.scope, '') + '|'
        + CASE WHEN placedCounted THEN 'counted' ELSE '' END AS placedAll
WITH *, placedAll + '|' + coalesce(placedRegions[0], '') AS placedCell
// A roll-up is linked to the cell it is in (IN_CELL: what adds the cell up, and a drilldown by unit,
// read), the link to the cell it leaves deleted.
WITH *, CASE WHEN placedRollup.cell <> placedCell THEN placedRollup.cell END AS leftKey
OPTIONAL MATCH (leftCell:RollupCell {key: leftKey})
OPTIONAL MATCH (placedRollup)-[leftLink:IN_CELL]->(leftCell)
SET leftCell:StaleCell
DELETE leftLink
WITH *
FOREACH (moved IN CASE WHEN coalesce(placedRollup.cell, '') <> placedCell OR placedRollup.regions <> placedRegions
                       THEN [placedRollup] ELSE [] END |
  MERGE (top:RollupCell {key: placedAll})
  ON CREATE SET top.level = 'ALL', top.family = moved.family, top.fiscalYear = moved.fiscalYear,
                top.kind = moved.kind, top.scope = moved.scope, top.counted = placedCounted, top.regions = []
  MERGE (cell:RollupCell {key: placedCell})
  ON CREATE SET cell.level = 'REGION', cell.cell = placedAll, cell.family = moved.family,
                cell.fiscalYear = moved.fiscalYear, cell.kind = moved.kind, cell.scope = moved.scope,
                cell.counted = placedCounted
  SET cell.regions = placedRegions, cell:StaleCell
  MERGE (moved)-[:IN_CELL]->(cell))
// Only a roll-up whose placing changed is written: a unit has a roll-up per document and family
// (about 90 at 10,000 documents), and each write of an indexed property (unit, cell) updates the
// label's index, the most of a document's write that grew with the unit's history.
FOREACH (rollup IN CASE WHEN placedRollup IS NULL
                          OR (placedRollup.cell = placedCell AND placedRollup.unit = pu.id
                              AND placedRollup.unitNames = placedNames AND placedRollup.regions = placedRegions
                              AND placedRollup.counted = placedCounted) THEN [] ELSE [placedRollup] END |
  SET rollup.unit = pu.id, rollup.unitNames = placedNames, rollup.regions = placedRegions,
      rollup.counted = placedCounted, rollup.cell = placedCell)

// name: units_with_unplaced_rollups
// The units whose roll-ups were written before roll-ups had cells (app/loading/upgrade.py places them).
MATCH (r:Rollup) WHERE r.cell IS NULL
MATCH (r)<-[:ROLLS_UP]-(:BudgetDocument)-[:OF_UNIT]->(u:Unit)
RETURN DISTINCT u.id AS id

// name: units_without_rollup_marks
// The units whose roll-ups were placed before units noted how (app/loading/upgrade.py places them).
MATCH (u:Unit) WHERE u.rollupNames IS NULL
RETURN u.id AS id

// name: place_unit_rollups
// The roll-ups of the units $ids placed again, and the cells they move into added up.
UNWIND $ids AS id
MATCH (pu:Unit {id: id})
WITH pu, null AS placedKindYear
INCLUDE place_rollups
WITH count(*) AS done
INCLUDE add_up_stale_cells

// name: delete_orphans
// What no document supports any more: policies nobody cites, departments and units no document
// lists. Regions and function classes are reference data and stay.
OPTIONAL MATCH (policy:Policy) WHERE NOT (policy)--()
DELETE policy
WITH count(*) AS ignored
OPTIONAL MATCH (department:Department) WHERE NOT (department)<-[:LISTS_DEPARTMENT]-()
DETACH DELETE department
WITH count(*) AS ignored
OPTIONAL MATCH (unit:Unit) WHERE NOT (unit)<-[:OF_UNIT]-()
DETACH DELETE unit
WITH count(*) AS ignored
// a name no indicator or project has any more (one node per distinct name: far fewer than they)
OPTIONAL MATCH (name:IndicatorName) WHERE NOT (name)<-[:NAMED]-()
DELETE name
WITH count(*) AS ignored
OPTIONAL MATCH (name:ProjectName) WHERE NOT (name)<-[:NAMED]-()
DELETE name

// name: read_lock
MATCH (l:LoadLock {id: 'load'}) RETURN l.owner AS owner, l.expiresAt AS expiresAt

// name: acquire_lock
// Take the loader lock when it is free, expired, ours, or held by an owner known to be dead.
MERGE (l:LoadLock {id: 'load'})
ON CREATE SET l.owner = $owner, l.expiresAt = $expiresAt
WITH l, (l.owner = $owner OR l.expiresAt < $now OR l.owner = $deadOwner) AS mine
SET l.expiresAt = CASE WHEN mine THEN $expiresAt ELSE l.expiresAt END,
    l.owner = CASE WHEN mine THEN $owner ELSE l.owner END
RETURN l.owner AS owner, l.expiresAt AS expiresAt

// name: release_lock
MATCH (l:LoadLock {id: 'load'}) WHERE l.owner = $owner DELETE l

// name: create_load_run
CREATE (r:LoadRun {id: $run.id})
SET r += $run

// name: add_up_stale_cells
// A fragment (INCLUDE add_up_stale_cells, after one row ``done``): every cell marked stale is added
// up again, the region cells, then the cells of all regions.
INCLUDE add_up_stale_region_cells
WITH DISTINCT done
INCLUDE add_up_stale_all_cells

// name: add_up_stale_region_cells
// A fragment (after one row ``done``): every region cell marked stale is added up again from its
// roll-ups (linked to it, IN_CELL): a document's write reads the members of its own cells, never
// every roll-up. The cell of all regions each adds up into is marked stale in turn
// when its groups changed (add_up_members): it holds every region's cell of its year and kind
// (hundreds at 10,000 documents, 60% of a document's write when added up per document), so a load
// adds it up once, at its end (add_up_all_cells); aggregate_cells reads a stale one's region cells
// meanwhile. A region cell of projects or documents joins its region's area cell once (stale: it gains a member);
// after that the area cell is marked by add_up_members as the cell of all regions is, only when the
// region cell's groups changed (added up at every write, its 20-100 region cells took about a fifth
// of the server's time per document at 10,000 documents, replacing one by the same figures included).
// A cell left with no group is deleted.
OPTIONAL MATCH (stale:StaleCell {level: 'REGION'})
WITH done, stale, coalesce(stale.regions[0], '') AS staleRegion
WITH done, stale, staleRegion, @area_key(stale.family, staleRegion) AS areaKey
FOREACH (key IN CASE WHEN areaKey IS NULL OR stale.area = areaKey THEN [] ELSE [areaKey] END |
  MERGE (area:RollupCell {key: key})
  ON CREATE SET area.level = 'AREA', area.family = stale.family, area.region = staleRegion
  SET area:StaleCell, stale.area = key)
WITH done, stale
OPTIONAL MATCH (stale)<-[:IN_CELL]-(member:Rollup)
// in one order (a cell holds a roll-up per unit): sums of the same figures come out the same
WITH done, stale, member ORDER BY member.unit
INCLUDE add_up_members
WITH DISTINCT done
INCLUDE add_up_stale_area_cells

// name: add_up_stale_area_cells
// A fragment (after one row ``done``): every area cell marked stale (the projects or documents of
// the units directly in one region, every year, kind, scope and counted flag: what a region's
// count adds up, graph/browse.py) added up again from the region cells it holds (through their
// index on ``area``, about a hundred at most: years, kinds, scopes and flags, never documents).
OPTIONAL MATCH (stale:StaleCell {level: 'AREA'})
WITH done, stale, stale.key AS staleKey
OPTIONAL MATCH (areaMember:RollupCell {area: staleKey})
WITH done, stale, areaMember AS member
INCLUDE add_up_members

// name: add_up_stale_all_cells
// A fragment (after one row ``done``): every cell of all regions marked stale, added up again from
// the region cells it holds (through their index on ``cell``).
OPTIONAL MATCH (stale:StaleCell {level: 'ALL'})
WITH done, stale, stale.key AS staleKey
OPTIONAL MATCH (member:RollupCell {cell: staleKey})
INCLUDE add_up_members

// name: add_up_area_cells
// Every region cell of a family with area cells that is in none yet added up again, which gives
// it its area cell (app/loading/upgrade.py).
MATCH (cell:RollupCell {level: 'REGION'}) WHERE @area_key(cell.family, '') IS NOT NULL AND cell.area IS NULL
SET cell:StaleCell
WITH count(*) AS done
INCLUDE add_up_stale_cells

// name: add_up_all_cells
// The cells of all regions a load's documents left stale, added up once the load has written them
// (app/loading/runner.py).
WITH 0 AS done
INCLUDE add_up_stale_all_cells

// name: add_up_members
// A fragment: cell ``stale`` (or null) as the groups of its ``member`` rows (roll-ups or cells,
// null for none) combined key by key, as aggregate_rollups combines them; no longer stale. (The
// null index keeps a row for a cell whose members hold no group.) Each list is read once per
// member: read at each index into it, a cell of all regions (hundreds of region cells, thousands of
// groups) took most of a delete's time.
WITH done, stale, member.keys AS keys, member.count AS counts, member.budgetSum AS budgetSums,
     member.budgetCount AS budgetCounts, member.budgetMin AS budgetMins, member.budgetMax AS budgetMaxes,
     member.executedSum AS executedSums, member.executedCount AS executedCounts,
     member.executedMin AS executedMins, member.executedMax AS executedMaxes
UNWIND range(0, coalesce(size(keys), 0) - 1) + [null] AS i
WITH done, stale, keys[i] AS key, counts[i] AS count, budgetSums[i] AS budgetSum, budgetCounts[i] AS budgetCount,
     executedSums[i] AS executedSum, executedCounts[i] AS executedCount,
     CASE WHEN budgetCounts[i] > 0 THEN budgetMins[i] END AS budgetMin,
     CASE WHEN budgetCounts[i] > 0 THEN budgetMaxes[i] END AS budgetMax,
     CASE WHEN executedCounts[i] > 0 THEN executedMins[i] END AS executedMin,
     CASE WHEN executedCounts[i] > 0 THEN executedMaxes[i] END AS executedMax
WITH done, stale, key, sum(count) AS count, sum(budgetSum) AS budgetSum, sum(budgetCount) AS budgetCount,
     coalesce(min(budgetMin), 0.0) AS budgetMin, coalesce(max(budgetMax), 0.0) AS budgetMax,
     sum(executedSum) AS executedSum, sum(executedCount) AS executedCount,
     coalesce(min(executedMin), 0.0) AS executedMin, coalesce(max(executedMax), 0.0) AS executedMax
ORDER BY key
WITH done, stale, collect(CASE WHEN key IS NOT NULL THEN {key: key, count: count, budgetSum: budgetSum,
     budgetCount: budgetCount, budgetMin: budgetMin, budgetMax: budgetMax, executedSum: executedSum,
     executedCount: executedCount, executedMin: executedMin, executedMax: executedMax} END) AS groups
// A region cell whose groups changed marks its cell of all regions (``cell``) and its area cell
// (``area``) to be added up again: one whose roll-ups were written again with the same figures (a
// document replaced by the same facts) leaves them as they are, and only what changed is added up.
WITH done, stale, groups, stale.keys IS NULL OR stale.keys <> [g IN groups | g.key]
     OR stale.count <> [g IN groups | g.count] OR stale.budgetSum <> [g IN groups | g.budgetSum]
     OR stale.budgetCount <> [g IN groups | g.budgetCount] OR stale.budgetMin <> [g IN groups | g.budgetMin]
     OR stale.budgetMax <> [g IN groups | g.budgetMax] OR stale.executedSum <> [g IN groups | g.executedSum]
     OR stale.executedCount <> [g IN groups | g.executedCount]
     OR stale.executedMin <> [g IN groups | g.executedMin] OR stale.executedMax <> [g IN groups | g.executedMax]
     AS changed
WITH done, stale, groups, CASE WHEN changed THEN stale.cell END AS aboveKey,
     CASE WHEN changed THEN stale.area END AS areaKey
OPTIONAL MATCH (above:RollupCell {key: aboveKey})
SET above:StaleCell
WITH done, stale, groups, areaKey
OPTIONAL MATCH (area:RollupCell {key: areaKey})
SET area:StaleCell
WITH done, stale, groups
FOREACH (cell IN CASE WHEN stale IS NULL THEN [] ELSE [stale] END |
  SET cell.keys = [g IN groups | g.key], cell.count = [g IN groups | g.count],
      cell.budgetSum = [g IN groups | g.budgetSum], cell.budgetCount = [g IN groups | g.budgetCount],
      cell.budgetMin = [g IN groups | g.budgetMin], cell.budgetMax = [g IN groups | g.budgetMax],
      cell.executedSum = [g IN groups | g.executedSum], cell.executedCount = [g IN groups | g.executedCount],
      cell.executedMin = [g IN groups | g.executedMin], cell.executedMax = [g IN groups | g.executedMax]
  REMOVE cell:StaleCell)
FOREACH (emptied IN CASE WHEN stale IS NOT NULL AND size(groups) = 0 THEN [stale] ELSE [] END |
  DETACH DELETE emptied)

// name: link_rollups_to_cells
// Up to $batch roll-ups placed in a cell before roll-ups were linked to theirs (IN_CELL), linked
// (app/loading/upgrade.py).
MATCH (r:Rollup) WHERE r.cell IS NOT NULL AND NOT (r)-[:IN_CELL]->(:RollupCell)
MATCH (cell:RollupCell {key: r.cell})
WITH r, cell LIMIT $batch
CREATE (r)-[:IN_CELL]->(cell)
