package portal.searchengine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.elasticsearch.Build;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.EmbeddedNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Elasticsearch node in this JVM until the process is told to stop (SIGTERM / SIGINT).
 *
 * <pre>
 *   java -cp ... portal.searchengine.Main --home DIR [--http-port 9200] [--transport-port 9300]
 *        [--host 127.0.0.1] [--kuromoji] [--pidfile FILE] [-Ekey=value ...]
 * </pre>
 *
 * DIR gets config/ (log4j2.properties, optional elasticsearch.yml), data/ and logs/. Settings
 * precedence: the defaults below &lt; DIR/config/elasticsearch.yml &lt; -E arguments.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Path home = null;
        String httpPort = "9200";
        String transportPort = "9300";
        String host = "127.0.0.1";
        boolean kuromoji = false;
        Path pidFile = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--http-port" -> httpPort = args[++i];
                case "--transport-port" -> transportPort = args[++i];
                case "--host" -> host = args[++i];
                case "--kuromoji" -> kuromoji = true;
                case "--pidfile" -> pidFile = Path.of(args[++i]).toAbsolutePath();
                default -> {
                    if (a.startsWith("-E") && a.indexOf('=') > 2) {
                        overrides.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
                    } else {
                        System.err.println("unknown argument: " + a);
                        System.exit(2);
                    }
                }
            }
        }
        if (home == null) {
            System.err.println("--home DIR is required");
            System.exit(2);
        }

        if (pidFile != null) {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()) + "\n");
        }

        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        Path log4j = config.resolve("log4j2.properties");
        if (Files.exists(log4j) == false) {
            try (InputStream in = Main.class.getResourceAsStream("log4j2.properties")) {
                Files.copy(in, log4j);
            }
        }

        Settings.Builder defaults = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", "portal-dev")
            .put("node.name", "portal-dev-node")
            // HTTP and the node-to-node transport both bind to (and publish) this address only
            .put("network.host", host)
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("discovery.type", "single-node")
            // a developer's or CI's nearly full disk must not turn the indices read-only
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        // prepareEnvironment applies its input after the overrides, so the -E
        // values go into the input too: a second node needs its own name and
        // multi-node discovery instead of the single-node defaults.
        overrides.forEach(defaults::put);

        Environment env = InternalSettingsPreparer.prepareEnvironment(defaults.build(), overrides, config, () -> "portal-dev-node");

        LogConfigurator.registerErrorListener();
        LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(env.settings()));
        LogConfigurator.configure(env, true);
        Logger logger = LogManager.getLogger(Main.class);

        Map<String, Class<? extends Plugin>> plugins = new LinkedHashMap<>();
        plugins.put("transport-netty4", Netty4Plugin.class);
        plugins.put("analysis-common", CommonAnalysisLitePlugin.class);
        plugins.put("rest-root", RootInfoPlugin.class);
        if (kuromoji) {
            plugins.put("analysis-kuromoji", KuromojiLitePlugin.class);
        }
        logger.info("starting Elasticsearch {} (embedded) with {} in [{}]", Build.current().qualifiedVersion(), plugins.keySet(), home);

        Node node = new EmbeddedNode(env, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                logger.info("stopping");
                node.close();
                if (node.awaitClose(30, TimeUnit.SECONDS) == false) {
                    logger.warn("node did not stop within 30s");
                }
            } catch (Exception e) {
                logger.error("error while stopping", e);
            } finally {
                stopped.countDown();
                LogManager.shutdown();
            }
        }, "portal-search-engine-shutdown"));

        try {
            node.start();
        } catch (Throwable t) {
            logger.error("node failed to start", t);
            System.exit(1);
        }
        logger.info("started");
        stopped.await();
    }
}
