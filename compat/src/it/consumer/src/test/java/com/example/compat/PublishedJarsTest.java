package com.example.compat;

import dev.midge.broker.Broker;
import dev.midge.junit.MidgeExtension;
import dev.midge.serial.VirtualSerialPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the jars on this class path hold: every class under dev.midge (the broker's libraries relocated there), and
 * an API that names no internal type, relocated libraries included.
 */
class PublishedJarsTest {

    @ParameterizedTest
    @ValueSource(classes = {Broker.class, MidgeExtension.class, VirtualSerialPort.class})
    void everyClassOfTheJarIsUnderDevMidge(Class<?> anyClassOfTheJar) throws Exception {
        try (JarFile jar = new JarFile(jarOf(anyClassOfTheJar).toFile())) {
            assertThat(jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/")))
                    .isNotEmpty()
                    .allMatch(name -> name.startsWith("dev/midge/"));
            assertThat(jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                    .startsWith("dev.midge.");
            assertThat(jar.getEntry("META-INF/LICENSE")).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {Broker.class, MidgeExtension.class, VirtualSerialPort.class})
    void noPublicSignatureNamesAnInternalOrRelocatedType(Class<?> anyClassOfTheJar) throws Exception {
        // One method of MidgeExtension returns a type of JUnit 5.12, so reflection cannot list its methods on older
        // JUnit; the jars are the same in every run, and the runs on JUnit 5.12 and later check them.
        assumeTrue(junitHasTestInstantiationScopes(), "JUnit 5.12 or later");
        List<String> leaks = new ArrayList<>();
        try (JarFile jar = new JarFile(jarOf(anyClassOfTheJar).toFile())) {
            for (String name : jar.stream().map(entry -> entry.getName()).toList()) {
                if (!name.endsWith(".class") || name.contains("/internal/")) {
                    continue;
                }
                Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""), false,
                        getClass().getClassLoader());
                if (isApi(type) && !needsAbsentOptionalLibrary(type)) {
                    publicSignatures(type).filter(signature -> signature.contains(".internal."))
                            .forEach(leaks::add);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static boolean junitHasTestInstantiationScopes() {
        try {
            Class.forName("org.junit.jupiter.api.extension.TestInstantiationAwareExtension");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * The client factories for HiveMQ's and Vert.x's MQTT clients name those optional libraries in their signatures,
     * which this project, like most, does not have; any other class failing to link is a leak of its own.
     */
    private static boolean needsAbsentOptionalLibrary(Class<?> type) {
        try {
            type.getMethods();
            return false;
        } catch (NoClassDefFoundError missing) {
            String absent = missing.getMessage();
            assertThat(type.getSimpleName()).as("only an optional client factory may need %s", absent)
                    .isIn("HiveMqClients", "VertxMqttClients");
            assertThat(absent).as("the class %s needs", type.getName())
                    .matches("(com/hivemq|io/vertx|io/netty)/.*");
            return true;
        }
    }

    private static boolean isApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static Stream<String> publicSignatures(Class<?> type) {
        Stream<Member> members = Stream.of(type.getMethods(), type.getConstructors(), type.getFields())
                .flatMap(Arrays::stream);
        return Stream.concat(Stream.of(type.toGenericString()), members
                .filter(member -> Modifier.isPublic(member.getModifiers()))
                .map(PublishedJarsTest::signature));
    }

    private static String signature(Member member) {
        if (member instanceof Method method) {
            return method.toGenericString() + " " + Arrays.toString(method.getGenericExceptionTypes());
        }
        return member instanceof Executable executable ? executable.toGenericString()
                : ((Field) member).toGenericString();
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
