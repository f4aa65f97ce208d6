package dev.midge.junit.internal;

import dev.midge.broker.Broker;
import dev.midge.junit.BrokerHandle;
import dev.midge.junit.BrokerUri;
import dev.midge.junit.Recording;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.net.URI;
import java.util.Optional;

/**
 * What the extension injects into test methods, constructors and lifecycle methods, taken from a test's broker.
 */
public final class Injectables {

    private Injectables() {
    }

    /**
     * @param parameter a parameter JUnit asks about
     * @return whether the extension injects it
     */
    public static boolean supports(ParameterContext parameter) {
        Class<?> type = parameter.getParameter().getType();
        return parameter.isAnnotated(BrokerUri.class) || type == BrokerHandle.class || ClientFactories.isFactory(type)
                || type == Broker.class || type == Recording.class;
    }

    /**
     * @param parameter a parameter {@link #supports} accepted
     * @param context   the context it is resolved in, which client factories are closed with
     * @param handle    the broker of that context
     * @return the value to inject
     * @throws ParameterResolutionException when the parameter asks for what cannot be given, saying what to write
     */
    public static Object resolve(ParameterContext parameter, ExtensionContext context, BrokerHandle handle) {
        Class<?> type = parameter.getParameter().getType();
        Optional<BrokerUri> uri = parameter.findAnnotation(BrokerUri.class);
        if (uri.isPresent()) {
            URI address = address(handle, uri.get());
            if (type == String.class) {
                return address.toString();
            }
            if (type == URI.class) {
                return address;
            }
            throw new ParameterResolutionException("@BrokerUri can be injected into a String or a java.net.URI, not "
                    + type.getName() + ": write @BrokerUri String uri");
        }
        if (ClientFactories.isFactory(type)) {
            return BrokerStore.clients(context, handle, type);
        }
        if (type == Broker.class) {
            return handle.broker();
        }
        if (type == Recording.class) {
            return handle.recording();
        }
        return handle;
    }

    private static URI address(BrokerHandle handle, BrokerUri uri) {
        if (uri.tls()) {
            return uri.websocket() ? handle.secureWebsocketUri() : handle.tlsUri();
        }
        return uri.websocket() ? handle.websocketUri() : handle.uri();
    }
}
