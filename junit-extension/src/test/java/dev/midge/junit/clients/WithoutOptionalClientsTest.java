package dev.midge.junit.clients;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A project without the HiveMQ client, Vert.x MQTT or any Vert.x and Netty of its own (the published broker hides
 * its own) is not affected by the optional client factories: the extension's classes load, link and show their
 * members, and a test that asks for a missing one is told which dependency to add.
 */
class WithoutOptionalClientsTest {

    private static final List<String> CORE_CLASSES = List.of("dev.midge.junit.MidgeExtension",
            "dev.midge.junit.MqttClients", "dev.midge.junit.BrokerHandle", "dev.midge.junit.internal.BrokerStore",
            "dev.midge.junit.internal.ClientFactories", "dev.midge.junit.internal.Injectables",
            "dev.midge.junit.internal.MidgeConfiguration");

    @Test
    void theExtensionsClassesLoadAndLinkWithoutTheOptionalLibraries() {
        ClassLoader consumer = new WithoutOptionalLibraries();
        for (String name : CORE_CLASSES) {
            assertThatCode(() -> {
                Class<?> type = Class.forName(name, true, consumer);
                assertThat(type.getClassLoader()).isSameAs(consumer);
                type.getDeclaredMethods();
                type.getDeclaredFields();
                type.getDeclaredConstructors();
            }).as(name).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> Class.forName("dev.midge.junit.HiveMqClients", true, consumer).getDeclaredMethods())
                .as("the optional factories themselves cannot be used there, so the class path is the consumer's")
                .isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void noOptionalTypeAppearsInTheSignaturesOfTheCoreClasses() throws ClassNotFoundException {
        for (String name : CORE_CLASSES) {
            for (Method method : Class.forName(name).getDeclaredMethods()) {
                assertThat(method.toGenericString()).as(name).doesNotContain("com.hivemq", "io.vertx", "io.netty");
            }
        }
    }

    @Test
    void askingForAFactoryWhoseLibraryIsMissingNamesTheDependencyToAdd() throws Exception {
        ClassLoader consumer = new WithoutOptionalLibraries();
        Class<?> factories = Class.forName("dev.midge.junit.internal.ClientFactories", true, consumer);
        Class<?> handle = Class.forName("dev.midge.junit.BrokerHandle", false, consumer);

        assertThat(failureOfCreating(factories, handle, "dev.midge.junit.HiveMqClients", consumer))
                .isEqualTo("HiveMqClients needs the HiveMQ MQTT client, which is not on the test class path: add the"
                        + " test dependency com.hivemq:hivemq-mqtt-client");
        assertThat(failureOfCreating(factories, handle, "dev.midge.junit.VertxMqttClients", consumer))
                .isEqualTo("VertxMqttClients needs Vert.x MQTT, which is not on the test class path: add the test"
                        + " dependency io.vertx:vertx-mqtt");
    }

    private static String failureOfCreating(Class<?> factories, Class<?> handle, String factory, ClassLoader loader)
            throws Exception {
        Class<?> type = Class.forName(factory, false, loader);
        assertThat((boolean) factories.getMethod("isFactory", Class.class).invoke(null, type)).isTrue();
        try {
            factories.getMethod("create", Class.class, handle).invoke(null, type, null);
        } catch (InvocationTargetException e) {
            return e.getCause().getMessage();
        }
        throw new AssertionError(factory + " was made without its library");
    }

    /**
     * Loads the extension's own classes itself, as a consumer's class path would, and refuses the optional
     * libraries and what the published broker relocates; everything else comes from the test class path.
     */
    private static final class WithoutOptionalLibraries extends ClassLoader {

        WithoutOptionalLibraries() {
            super(WithoutOptionalClientsTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("com.hivemq.") || name.startsWith("io.vertx.") || name.startsWith("io.netty.")) {
                throw new ClassNotFoundException(name + " is not on this class path");
            }
            if (!name.startsWith("dev.midge.junit.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = defineOwn(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private Class<?> defineOwn(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
