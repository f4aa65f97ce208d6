package dev.midge.junit.internal;

import dev.midge.junit.BrokerHandle;
import dev.midge.junit.MqttClients;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

/**
 * The injectable client factories. Paho's is always there; the HiveMQ and Vert.x ones are named, never referenced,
 * so that neither this class nor the extension loads them, or the optional library they are written against, until
 * a test asks for one. A project without those libraries is then not affected at all.
 */
public final class ClientFactories {

    /**
     * An optional factory: its class, a class of the library it needs, and the Maven coordinates of that library.
     */
    private record OptionalFactory(String factory, String libraryClass, String coordinates, String name) {
    }

    private static final List<OptionalFactory> OPTIONAL = List.of(
            new OptionalFactory("dev.midge.junit.HiveMqClients", "com.hivemq.client.mqtt.MqttClient",
                    "com.hivemq:hivemq-mqtt-client", "the HiveMQ MQTT client"),
            new OptionalFactory("dev.midge.junit.VertxMqttClients", "io.vertx.mqtt.MqttClient", "io.vertx:vertx-mqtt",
                    "Vert.x MQTT"));

    private ClientFactories() {
    }

    /**
     * @param type a parameter's type
     * @return whether it is one of the client factories
     */
    public static boolean isFactory(Class<?> type) {
        return type == MqttClients.class || OPTIONAL.stream().anyMatch(o -> o.factory().equals(type.getName()));
    }

    /**
     * @param type   one of the client factories
     * @param broker the broker its clients connect to
     * @return a new factory of that type
     * @throws ParameterResolutionException when the library the factory needs is not on the class path, naming the
     *                                      dependency to add
     */
    public static AutoCloseable create(Class<?> type, BrokerHandle broker) {
        if (type == MqttClients.class) {
            return new MqttClients(broker);
        }
        OptionalFactory optional = OPTIONAL.stream().filter(o -> o.factory().equals(type.getName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type + " is not a client factory"));
        try {
            Class.forName(optional.libraryClass(), false, type.getClassLoader());
        } catch (ClassNotFoundException | LinkageError missing) {
            throw new ParameterResolutionException(type.getSimpleName() + " needs " + optional.name() + ", which is"
                    + " not on the test class path: add the test dependency " + optional.coordinates(), missing);
        }
        try {
            return (AutoCloseable) type.getConstructor(BrokerHandle.class).newInstance(broker);
        } catch (InvocationTargetException e) {
            throw new ParameterResolutionException("Cannot make " + type.getSimpleName() + ": " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ParameterResolutionException("Cannot make " + type.getSimpleName() + ": " + e, e);
        }
    }
}
