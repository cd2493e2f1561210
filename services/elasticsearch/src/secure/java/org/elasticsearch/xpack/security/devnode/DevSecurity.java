package org.elasticsearch.xpack.security.devnode;

import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.xpack.security.Security;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The real X-Pack security plugin (x-pack-security from Maven Central) without its SAML transport and REST actions.
 *
 * <p>Those classes take OpenSAML 4 types in their constructors, and OpenSAML 4 is published only in Shibboleth's
 * Maven repository, not on Maven Central; the node's injector would fail with NoClassDefFoundError
 * (org/opensaml/saml/saml2/core/StatusResponseType). The dev node configures no SAML realm, so nothing else changes:
 * authentication, API keys, TLS and the native/file/reserved realms are security's own code.
 *
 * <p>It lives under {@code org.elasticsearch.xpack.} because ActionModule lets only plugins there install the REST
 * interceptor that security authenticates requests with ("tried to install a custom REST interceptor").
 */
public class DevSecurity extends Security {

    public DevSecurity(Settings settings) {
        super(settings);
    }

    private static boolean isSaml(Class<?> type) {
        return type.getName().contains(".saml.");
    }

    @Override
    public List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
        return super.getActions().stream().filter(handler -> isSaml(handler.getTransportAction()) == false).toList();
    }

    @Override
    public List<RestHandler> getRestHandlers(
        Settings settings,
        NamedWriteableRegistry namedWriteableRegistry,
        RestController restController,
        ClusterSettings clusterSettings,
        IndexScopedSettings indexScopedSettings,
        SettingsFilter settingsFilter,
        IndexNameExpressionResolver indexNameExpressionResolver,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return super.getRestHandlers(
            settings,
            namedWriteableRegistry,
            restController,
            clusterSettings,
            indexScopedSettings,
            settingsFilter,
            indexNameExpressionResolver,
            nodesInCluster,
            clusterSupportsFeature
        ).stream().filter(handler -> isSaml(handler.getClass()) == false).toList();
    }
}
