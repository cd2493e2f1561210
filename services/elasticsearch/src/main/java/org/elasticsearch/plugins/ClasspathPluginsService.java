package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.spi.SPIClassIterator;

import java.lang.reflect.Constructor;
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
        this(settings, environment, pluginClasses, Map.of());
    }

    /**
     * @param extendedPlugins module name to the names of the modules it extends (its plugin descriptor's
     *     {@code extended.plugins}), e.g. x-pack-security extends x-pack-core, which then loads its extensions
     */
    public ClasspathPluginsService(
        Settings settings,
        Environment environment,
        Map<String, Class<? extends Plugin>> pluginClasses,
        Map<String, List<String>> extendedPlugins
    ) {
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
                extendedPlugins.getOrDefault(entry.getKey(), List.of()),
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
        SPIClassIterator<T> it = SPIClassIterator.get(service, ClasspathPluginsService.class.getClassLoader());
        while (it.hasNext()) {
            result.add(createProvider(it.next(), service));
        }
        return result;
    }

    /**
     * A provider takes either nothing or the plugin it belongs to, e.g. security's SlowLogFieldProvider takes the
     * Security plugin. In the distribution each plugin has its own class loader, so the owner is the plugin whose
     * loader found the provider; here all share one, so the owner is the plugin the constructor accepts (a subclass
     * too, such as the dev node's DevSecurity; the parent's createExtension wants the exact class).
     */
    private <T> T createProvider(Class<? extends T> provider, Class<T> service) {
        try {
            for (Constructor<?> constructor : provider.getConstructors()) {
                if (constructor.getParameterCount() == 1) {
                    for (LoadedPlugin plugin : classpathPlugins) {
                        if (constructor.getParameterTypes()[0].isInstance(plugin.instance())) {
                            return service.cast(constructor.newInstance(plugin.instance()));
                        }
                    }
                }
            }
            return service.cast(provider.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create [" + provider.getName() + "] for [" + service.getName() + "]", e);
        }
    }
}
