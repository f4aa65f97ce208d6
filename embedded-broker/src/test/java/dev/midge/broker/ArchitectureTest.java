package dev.midge.broker;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.midge.broker.internal.transport.BrokerServer;
import dev.midge.broker.internal.transport.EventLoopThread;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.base.DescribedPredicate.anyElementThat;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The broker's layering, checked on the compiled classes before the jar relocates Netty: the public API and the core
 * are plain Java, the transport is the only code on Netty, and the core knows nothing of the transport that serves
 * it.
 */
@AnalyzeClasses(packages = "dev.midge.broker", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String API = "dev.midge.broker";
    private static final String CORE = "dev.midge.broker.internal";
    private static final String TRANSPORT = "dev.midge.broker.internal.transport..";
    private static final String INTERNAL = "..internal..";
    private static final String NETTY = "io.netty..";

    @ArchTest
    static final ArchRule coreIsPlainJava = noClasses()
            .that().resideInAnyPackage(CORE, CORE + ".auth..", CORE + ".config..", CORE + ".tls..")
            .should().dependOnClassesThat().resideInAPackage(NETTY)
            .orShould().dependOnClassesThat().resideInAPackage(TRANSPORT)
            .because("the core's rules must run, and be tested, without a network: it reaches a connection only "
                    + "through ClientLink and its thread only through BrokerThread, both implemented by the "
                    + "transport");

    @ArchTest
    static final ArchRule publicApiShowsNoNetworkLibrary = noClasses()
            .that().resideInAPackage(API)
            .should().dependOnClassesThat().resideInAPackage(NETTY)
            .because("the jar relocates Netty, so a type of its in the API could not be used by applications, and "
                    + "would tie them to the broker's version");

    @ArchTest
    static final ArchRule onlyTheTransportUsesNetty = noClasses()
            .that().resideOutsideOfPackage(TRANSPORT)
            .should().dependOnClassesThat().resideInAPackage(NETTY)
            .because("keeping Netty to one package keeps the broker's thread, buffers and codec in one place; "
                    + "nothing outside needs it (the command line sets its logging level by name only)");

    @ArchTest
    static final ArchRule nothingUsesVertx = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.vertx..")
            .because("the broker runs on Netty alone: creating a Vert.x instance cost a fresh JVM about 200 ms "
                    + "before its first CONNACK, for an event bus, file system and DNS client it never used");

    @ArchTest
    static final ArchRule onlyThePersistencePackageUsesTheStore = noClasses()
            .that().resideOutsideOfPackage(CORE + ".persistence..")
            .should().dependOnClassesThat().resideInAPackage("org.h2..")
            .because("the jar relocates H2 and keeps only its MVStore; the core reaches the store through StateStore, "
                    + "so it runs, and is tested, without one");

    @ArchTest
    static final ArchRule publicApiWiresTheTransportOnlyInBrokerAssembly = noClasses()
            .that().resideInAPackage(API).and().doNotHaveSimpleName("BrokerAssembly")
            .should().dependOnClassesThat().resideInAPackage(TRANSPORT)
            .because("the API talks to the core's owner (BrokerRuntime) and to the listeners through the Network "
                    + "interface; only BrokerAssembly, where the parts are put together, names the transport");

    @ArchTest
    static final ArchRule brokerAssemblyWiresTheTransportThroughItsEntryPoints = classes()
            .that().resideInAPackage(API).and().haveSimpleName("BrokerAssembly")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(TRANSPORT)
                    .or(type(BrokerServer.class)).or(type(EventLoopThread.class)))
            .because("BrokerAssembly creates the transport's event-loop thread and listeners, then hands them on as "
                    + "the core's BrokerThread and the API's Network");

    @ArchTest
    static final ArchRule commandLineUsesTheApiAndTheConfigurationFile = classes()
            .that().resideInAPackage("dev.midge.broker.cli..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(API, "dev.midge.broker.cli..",
                    CORE + ".config..", "java..", "org.slf4j..")
            .because("the standalone broker is an application of the public API; it reads the Mosquitto-format "
                    + "configuration and password files, which are internal so that embedding users do not see them");

    @ArchTest
    static final ArchRule publicSignaturesShowNoInternalType = codeUnits()
            .that().arePublic().and().areDeclaredInClassesThat().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackage(INTERNAL)
            .should().notHaveRawParameterTypes(anyElementThat(resideInAPackage(INTERNAL)))
            .andShould().notHaveRawReturnType(resideInAPackage(INTERNAL))
            .andShould().notDeclareThrowableOfType(resideInAPackage(INTERNAL))
            .because("users may only rely on the API packages: an internal type in a public signature would make "
                    + "it API without its promise");

    @ArchTest
    static final ArchRule internalPackagesHaveNoCycles = slices()
            .assignedFrom(new InternalPackages())
            .should().beFreeOfCycles()
            .because("each internal package can then be understood, and changed, from the ones below it");

    /** Each package under {@code internal}, the core included, as a slice of its own; the rest is left out. */
    private static final class InternalPackages implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.equals(CORE) || name.startsWith(CORE + ".") ? SliceIdentifier.of(name)
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the internal packages";
        }
    }
}
