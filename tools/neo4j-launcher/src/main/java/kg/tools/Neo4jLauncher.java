package kg.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Test-only embedded Neo4j Community DBMS: Bolt on 127.0.0.1:PORT, auth off, small memory.
 *
 * <p>Prints {@code READY bolt://127.0.0.1:PORT} once the default database answers a query, then
 * runs until SIGTERM/SIGINT, when a shutdown hook stops the DBMS cleanly (prints {@code STOPPED}).
 *
 * <p>Usage: {@code java -cp 'target/classes:target/lib/*' kg.tools.Neo4jLauncher PORT HOME_DIR}
 */
public final class Neo4jLauncher {

    private Neo4jLauncher() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: Neo4jLauncher PORT HOME_DIR");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path home = Path.of(args[1]).toAbsolutePath();

        DatabaseManagementService dbms;
        try {
            dbms = build(home, port);
        } catch (RuntimeException e) {
            // e.g. the port is already bound: fail fast rather than linger with half-started threads
            e.printStackTrace();
            System.exit(1);
            return;
        }

        // The DBMS threads are non-daemon, so the JVM stays up until a signal runs this hook.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            System.out.println("STOPPED");
            System.out.flush();
        }, "neo4j-launcher-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.SECONDS.toMillis(120))) {
            System.err.println("default database did not become available");
            System.exit(1);
        }
        db.executeTransactionally("RETURN 1");

        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
    }

    private static DatabaseManagementService build(Path home, int port) {
        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // small footprint for tests; benchmarks of big graphs raise it (-Dkg.pagecache.mb=1024)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.mebiBytes(Long.getLong("kg.pagecache.mb", 32L)))
                .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(1))
                .setConfig(GraphDatabaseSettings.check_point_interval_time, Duration.ofMinutes(15))
                // stop in ~1 s instead of ~10 s (Bolt otherwise waits 5 s twice on shutdown)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
    }
}
