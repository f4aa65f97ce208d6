package dev.midge.broker;

import dev.midge.broker.internal.Network;
import dev.midge.broker.internal.tls.TlsIdentity;

import java.net.URI;

/**
 * Where a broker listens: the port each of its listeners is bound to, the URIs clients connect to, and the
 * certificate its TLS listeners present. Used from any thread; the ports are read from the listeners.
 */
final class Addresses {

    private final Network network;
    private final String host;
    private final BrokerCertificate certificate;

    Addresses(Network network, String host, TlsIdentity tls) {
        this.network = network;
        this.host = host;
        this.certificate = tls == null ? null : new BrokerCertificate(tls);
    }

    Network network() {
        return network;
    }

    String host() {
        return host;
    }

    /**
     * @param builderCall the builder call that adds the listener, for the message when there is none
     * @throws IllegalStateException when the broker has no such listener
     */
    int port(Transport transport, String builderCall) {
        int port = network.port(transport);
        if (port < 0) {
            throw new IllegalStateException("This broker has no " + transport + " listener: build it with "
                    + builderCall);
        }
        return port;
    }

    /** @return {@code scheme://host:port} followed by the path, the host in brackets when it is an IPv6 address */
    URI uri(String scheme, int port, String path) {
        String hostForUri = host.contains(":") ? "[" + host + "]" : host;
        return URI.create(scheme + "://" + hostForUri + ":" + port + path);
    }

    /** @throws IllegalStateException when the broker has neither a TLS nor a secure WebSocket listener */
    BrokerCertificate certificate() {
        if (certificate == null) {
            throw new IllegalStateException("This broker has no TLS listener: build it with tlsPort(0) or "
                    + "secureWebsocketPort(0)");
        }
        return certificate;
    }
}
