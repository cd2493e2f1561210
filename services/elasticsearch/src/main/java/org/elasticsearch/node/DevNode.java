package org.elasticsearch.node;

import devnode.DevAnalysisPlugin;
import devnode.DevRootPlugin;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.KeyStoreWrapper;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts one real Elasticsearch node (the server jar from Maven Central) for development and CI.
 *
 * <p>It skips the production bootstrap ({@code org.elasticsearch.bootstrap.Elasticsearch}): no bootstrap checks,
 * no "don't run as root" check, no security manager/entitlements, no jar-hell check, no keystore. Modules that
 * the distribution would load from {@code modules/} are given as classpath plugins, the way the test framework's
 * MockNode does it. Usage:
 *
 * <pre>java -Ddevnode.config=CONFIG_DIR -cp ... org.elasticsearch.node.DevNode -Epath.home=DIR -Ehttp.port=9200 ...</pre>
 *
 * <p>It lives in {@code org.elasticsearch.node} because Node's NodeServiceProvider hook is package-private.
 */
public class DevNode extends Node {

    /** Modules loaded into the node, by the name _nodes/plugins reports. */
    static final Map<String, Class<? extends Plugin>> PLUGINS = new LinkedHashMap<>();
    static {
        PLUGINS.put("transport-netty4", Netty4Plugin.class);            // the real module, from Maven Central
        PLUGINS.put("rest-root-devnode", DevRootPlugin.class);          // stand-in: GET /
        PLUGINS.put("analysis-devnode", DevAnalysisPlugin.class);       // stand-in: analysis-common + analysis-icu subset
    }

    /**
     * With {@code -Ddevnode.secure=true} (start.sh with ES_SECURE=1): X-Pack core and security, from the
     * {@code -Psecure} jars in lib-secure/. By name, so the default build compiles without X-Pack on its classpath.
     */
    static final Map<String, String> SECURE_PLUGINS = new LinkedHashMap<>();
    static {
        SECURE_PLUGINS.put("x-pack-core", "org.elasticsearch.xpack.core.XPackPlugin");
        SECURE_PLUGINS.put("x-pack-security", "org.elasticsearch.xpack.security.devnode.DevSecurity");
    }
    /** What the distribution's plugin descriptors declare as {@code extended.plugins}. */
    static final Map<String, List<String>> EXTENDED = Map.of("x-pack-security", List.of("x-pack-core"));

    DevNode(Environment environment, Map<String, Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(environment, ClasspathPluginsService.emptyLoader(), new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, PluginsLoader loader) {
                return new ClasspathPluginsService(env.settings(), env, plugins, EXTENDED);
            }
        }, true));
    }

    public static void main(String[] args) throws Exception {
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureESLogging();

        Settings.Builder builder = Settings.builder()
            .put("cluster.name", "dev")
            .put("node.name", "dev-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", "9200")
            // a dev disk that is 90% full must not flip indices to read-only
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // as on a real cluster (the 8.x default): deleting indices by wildcard or _all is
            // refused, so the tests' clean-up names every index it deletes
            .put("action.destructive_requires_name", true);
        for (String arg : args) {
            if (arg.startsWith("-E") == false || arg.indexOf('=') < 0) {
                throw new IllegalArgumentException("expected -Ekey=value, got [" + arg + "]");
            }
            builder.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        boolean secure = Boolean.getBoolean("devnode.secure");
        Map<String, Class<? extends Plugin>> plugins = new LinkedHashMap<>(PLUGINS);
        if (secure) {
            for (Map.Entry<String, String> entry : SECURE_PLUGINS.entrySet()) {
                plugins.put(entry.getKey(), Class.forName(entry.getValue()).asSubclass(Plugin.class));
            }
            // The elastic user's password: the distribution reads bootstrap.password from the keystore, which
            // the dev node has none of, so it gets an in-memory one. From the environment, not -E, so the
            // password is not on the command line (ps).
            String password = System.getenv("DEVNODE_BOOTSTRAP_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("devnode.secure needs DEVNODE_BOOTSTRAP_PASSWORD in the environment");
            }
            KeyStoreWrapper keystore = KeyStoreWrapper.create();
            keystore.setString("bootstrap.password", password.toCharArray());
            builder.setSecureSettings(keystore);
        }
        Settings settings = builder.build();
        Path home = Path.of(settings.get("path.home", ".services/elasticsearch")).toAbsolutePath();
        Settings.Builder resolved = Settings.builder().put(settings).put("path.home", home.toString());
        if (settings.hasValue("path.data") == false) {
            resolved.put("path.data", home.resolve("data").toString());
        }
        if (settings.hasValue("path.logs") == false) {
            resolved.put("path.logs", home.resolve("logs").toString());
        }
        settings = resolved.build();
        Files.createDirectories(home);

        String configDir = System.getProperty("devnode.config");
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings,
            Map.of(),
            configDir == null ? null : Path.of(configDir).toAbsolutePath(),
            () -> "dev-node"
        );
        Files.createDirectories(environment.logsDir());
        LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(environment.settings()));
        LogConfigurator.setClusterName(environment.settings().get("cluster.name"));
        LogConfigurator.configure(environment, true);

        String pidFile = System.getProperty("devnode.pidfile");
        if (pidFile != null) {
            Files.writeString(Path.of(pidFile), ProcessHandle.current().pid() + "\n");
        }
        DevNode node = new DevNode(environment, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.prepareForClose();
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "devnode-shutdown"));
        node.start();
        stopped.await();
    }
}
