package org.elasticsearch.node;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsService;

import java.util.Map;

/**
 * A regular Elasticsearch {@link Node} whose plugins/modules are classes on the class path instead of
 * directories of a distribution. Lives in this package because the node construction hooks are
 * package-private.
 */
public class EmbeddedNode extends Node {

    public EmbeddedNode(Environment environment, Map<String, Class<? extends Plugin>> pluginClasses) {
        super(NodeConstruction.prepareConstruction(environment, new NodeServiceProvider() {
            @Override
            PluginsService newPluginService(Environment env, Settings settings) {
                return new ClasspathPluginsService(settings, env, pluginClasses);
            }
        }, true));
    }
}
