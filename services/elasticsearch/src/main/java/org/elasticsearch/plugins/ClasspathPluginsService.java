package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.spi.SPIClassIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PluginsService whose plugins are plain classes on the JVM classpath instead of bundles under
 * {@code modules/} and {@code plugins/}. This is the same idea as the test framework's MockPluginsService
 * (org.elasticsearch.test:framework), without pulling JUnit/Mockito/randomizedtesting into a dev server.
 * It lives in this package because it needs the package-private plugin loading helpers.
 */
public class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> classpathPlugins;

    /** @param pluginClasses module name (as reported by {@code _nodes/plugins}) to plugin class */
    public ClasspathPluginsService(Settings settings, Environment environment, Map<String, Class<? extends Plugin>> pluginClasses) {
        super(settings, environment.configDir(), emptyLoader());
        List<LoadedPlugin> loaded = new ArrayList<>();
        for (Map.Entry<String, Class<? extends Plugin>> entry : pluginClasses.entrySet()) {
            Class<? extends Plugin> pluginClass = entry.getValue();
            Plugin plugin = loadPlugin(pluginClass, settings, environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(
                entry.getKey(),
                "classpath module " + pluginClass.getName(),
                Build.current().version(),
                Build.current().version(),
                Integer.toString(Runtime.version().feature()),
                pluginClass.getName(),
                null,
                List.of(),
                false,
                false,
                false,
                false
            );
            loaded.add(new LoadedPlugin(descriptor, plugin, pluginClass.getClassLoader()));
        }
        loadExtensions(loaded);
        this.classpathPlugins = List.copyOf(loaded);
    }

    /** A loader with no module/plugin bundles: everything comes from the classpath. */
    public static PluginsLoader emptyLoader() {
        return new PluginsLoader(Set.of(), Set.of(), Map.of());
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }

    @Override
    public PluginsAndModules info() {
        // report them as modules, which is what they are in the official distribution
        return new PluginsAndModules(List.of(), classpathPlugins.stream().map(LoadedPlugin::descriptor).toList());
    }

    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        // All classpath plugins share one class loader, so scanning per plugin (what the parent does)
        // would instantiate every provider once per plugin. Scan once.
        List<T> result = new ArrayList<>();
        if (classpathPlugins.isEmpty()) {
            return result;
        }
        Plugin owner = classpathPlugins.get(0).instance();
        SPIClassIterator<T> it = SPIClassIterator.get(service, ClasspathPluginsService.class.getClassLoader());
        while (it.hasNext()) {
            result.add(createExtension(it.next(), service, owner));
        }
        return result;
    }
}
