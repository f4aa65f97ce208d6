package dev.midge.broker.internal.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How bridges' host names are looked up: off the caller's thread, and with a bound on the lookups that wait, so that
 * name servers that never answer cannot make the broker hold ever more work. The lookup itself blocks on a latch
 * here, as the JDK's does on a name server that does not answer.
 */
class UpstreamResolverTest {

    private static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();

    private final CountDownLatch nameServerAnswers = new CountDownLatch(1);
    private final UpstreamResolver resolver = new UpstreamResolver(this::hangingLookup, UpstreamResolver.THREADS,
            UpstreamResolver.MAX_WAITING);

    @AfterEach
    void answerEveryLookup() {
        nameServerAnswers.countDown();
    }

    @Test
    void aLookupThatFindsTheWaitingLookupsAtTheirBoundFailsAtOnceOnTheCallersThread() throws Exception {
        List<CompletableFuture<Answer>> admitted = new ArrayList<>();
        for (int i = 0; i < UpstreamResolver.THREADS + UpstreamResolver.MAX_WAITING; i++) {
            admitted.add(resolve("upstream-" + i + ".example"));
        }

        CompletableFuture<Answer> beyond = resolve("one-too-many.example");

        assertThat(beyond).isCompleted();
        Answer refused = beyond.join();
        assertThat(refused.address()).isNull();
        assertThat(refused.thread()).isSameAs(Thread.currentThread());
        assertThat(refused.failure()).hasMessage("one-too-many.example not looked up: 64 lookups are waiting already");
        assertThat(admitted).noneMatch(CompletableFuture::isDone);

        nameServerAnswers.countDown();
        for (CompletableFuture<Answer> answer : admitted) {
            assertThat(answer.get(10, TimeUnit.SECONDS).address()).isEqualTo(ADDRESS);
        }
    }

    @Test
    void lookupsRunOnDaemonThreadsOfTheirOwn() throws Exception {
        nameServerAnswers.countDown();

        Answer answer = resolve("upstream.example").get(10, TimeUnit.SECONDS);

        assertThat(answer.address()).isEqualTo(ADDRESS);
        assertThat(answer.thread().getName()).startsWith("midge-bridge-resolver-");
        assertThat(answer.thread().isDaemon()).isTrue();
    }

    @Test
    void aNameWithoutAnAddressIsAnsweredWithWhy() throws Exception {
        UpstreamResolver failing = new UpstreamResolver(host -> {
            throw new UnknownHostException(host + ": no such name");
        }, 1, 1);
        CompletableFuture<Answer> answer = new CompletableFuture<>();

        failing.resolve("nowhere.example", (address, failure) -> answer.complete(new Answer(address, failure)));

        assertThat(answer.get(10, TimeUnit.SECONDS).address()).isNull();
        assertThat(answer.get().failure()).hasMessage("nowhere.example: no such name");
    }

    private CompletableFuture<Answer> resolve(String host) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        resolver.resolve(host, (address, failure) -> answer.complete(new Answer(address, failure)));
        return answer;
    }

    private InetAddress hangingLookup(String host) throws UnknownHostException {
        try {
            if (!nameServerAnswers.await(10, TimeUnit.SECONDS)) {
                throw new UnknownHostException(host + ": the name server did not answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted");
        }
        return ADDRESS;
    }

    /** What a lookup's callback was given, and on which thread. */
    private record Answer(InetAddress address, UnknownHostException failure, Thread thread) {
        Answer(InetAddress address, UnknownHostException failure) {
            this(address, failure, Thread.currentThread());
        }
    }
}
