package dev.midge.junit.internal;

import dev.midge.junit.BrokerHandle;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.Semaphore;

/**
 * Keeps the brokers and clients of one extension registration in JUnit's extension store, where they are closed
 * when their scope (a class or a test) ends and where parallel tests never see each other's.
 */
public final class BrokerStore {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrokerStore.class);

    private final Object owner;

    /**
     * @param owner tells registrations apart: the extension instance, or one shared key for {@code @MqttBroker}
     */
    public BrokerStore(Object owner) {
        this.owner = owner;
    }

    /**
     * @return the class's broker, started on first use in the class context (shared by nested classes)
     */
    public BrokerHandle classBroker(ExtensionContext classContext, BrokerSettings settings) {
        ExtensionContext.Store store = classContext.getStore(NAMESPACE);
        StoredResource<?> stored = store.getOrComputeIfAbsent(new ClassKey(owner),
                key -> start(settings, MidgeConfiguration.of(classContext)),
                StoredResource.class);
        store.getOrComputeIfAbsent(new TurnKey(owner), key -> new Semaphore(1, true), Semaphore.class);
        return (BrokerHandle) stored.value();
    }

    /**
     * @return the broker of the enclosing class, or null when there is none
     */
    public BrokerHandle existingClassBroker(ExtensionContext context) {
        StoredResource<?> stored = context.getStore(NAMESPACE).get(new ClassKey(owner), StoredResource.class);
        return stored == null ? null : (BrokerHandle) stored.value();
    }

    /**
     * @return the test's own broker, started on first use and closed after the test
     */
    public BrokerHandle methodBroker(ExtensionContext methodContext, BrokerSettings settings) {
        StoredResource<?> stored = methodContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                new MethodKey(owner, methodContext.getUniqueId()),
                key -> start(settings, MidgeConfiguration.of(methodContext)), StoredResource.class);
        return (BrokerHandle) stored.value();
    }

    /**
     * @return the test's own broker if it started one, otherwise null
     */
    public BrokerHandle existingMethodBroker(ExtensionContext methodContext) {
        StoredResource<?> stored = methodContext.getStore(NAMESPACE)
                .get(new MethodKey(owner, methodContext.getUniqueId()), StoredResource.class);
        return stored == null ? null : (BrokerHandle) stored.value();
    }

    /**
     * Tests sharing a class's broker are reset between each other, so they take turns even when JUnit runs methods
     * concurrently; classes and per-method brokers still run in parallel. The turn ends with the test's scope.
     */
    public void awaitTurn(ExtensionContext methodContext) {
        Semaphore turn = methodContext.getStore(NAMESPACE).get(new TurnKey(owner), Semaphore.class);
        try {
            turn.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the shared broker", e);
        }
        methodContext.getStore(NAMESPACE).put(new TurnKey(methodContext.getUniqueId()),
                new StoredResource<>(turn::release));
    }

    /**
     * @param type one of the client factories, see {@link ClientFactories}
     * @return the client factory of that type for this context and broker, closed when the context ends
     */
    public static Object clients(ExtensionContext context, BrokerHandle broker, Class<?> type) {
        StoredResource<?> stored = context.getStore(NAMESPACE).getOrComputeIfAbsent(
                new ClientsKey(broker, context.getUniqueId(), type.getName()),
                key -> new StoredResource<>(ClientFactories.create(type, broker)), StoredResource.class);
        return stored.value();
    }

    private static StoredResource<AutoCloseable> start(BrokerSettings settings, MidgeConfiguration configuration) {
        String external = settings.effectiveExternalUrl(configuration.externalUrl());
        AutoCloseable handle = external != null
                ? new ExternalBrokerHandle(external, configuration.externalCaFile().orElse(null),
                        configuration.assertionTimeout())
                : new EmbeddedBrokerHandle(new BrokerLauncher(settings), configuration.assertionTimeout());
        return new StoredResource<>(handle);
    }

    private record ClassKey(Object owner) {
    }

    private record MethodKey(Object owner, String uniqueId) {
    }

    private record TurnKey(Object owner) {
    }

    private record ClientsKey(BrokerHandle broker, String uniqueId, String factory) {
    }
}
