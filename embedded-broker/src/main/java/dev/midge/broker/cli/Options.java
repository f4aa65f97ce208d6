package dev.midge.broker.cli;

import dev.midge.broker.internal.config.ConfigFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The command line of the standalone broker.
 *
 * @param host                the address to listen on
 * @param port                the TCP port
 * @param websocketPort       the WebSocket port, or -1 for none
 * @param tlsPort             the TLS port, or -1 for none
 * @param secureWebsocketPort the secure WebSocket port, or -1 for none
 * @param certificate         the PEM certificate chain the TLS listeners present, or null for a self-signed one
 * @param key                 the PEM private key of that chain, or null
 * @param clientCa            the PEM certificates TLS clients must present one of, or be signed by; null for none
 * @param sysIntervalSeconds  the time between two publications of the {@code $SYS} topics, 0 for none
 * @param memoryBudget        the broker-wide memory budget in bytes, 0 for the default
 * @param maxQueuedBytes      the bytes a session may queue, 0 for the default
 * @param writeTimeoutSeconds how long a client may stay unable to take more data, 0 for the default
 * @param topicAliases        false when topic aliases to MQTT 5 clients are turned off
 * @param help                whether usage was asked for
 * @param check               whether to start, connect one client, report and exit
 * @param config              the Mosquitto-format configuration file the options add to, or null
 */
record Options(String host, int port, int websocketPort, int tlsPort, int secureWebsocketPort, Path certificate,
               Path key, Path clientCa, int sysIntervalSeconds, long memoryBudget, long maxQueuedBytes,
               int writeTimeoutSeconds, boolean topicAliases, boolean help, boolean check, Path config) {

    static final String USAGE = """
            Usage: java -jar midge-broker.jar [options]
                   java -jar midge-broker.jar passwd <file> <user>

              -c, --config <file>
                                 read a Mosquitto-format configuration file (listener, protocol,
                                 certfile, keyfile, cafile, require_certificate, allow_anonymous,
                                 password_file, acl_file, max_* limits, sys_interval); the options
                                 below override it
              --host <address>   address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
              --port <port>      MQTT over TCP port (default 1883; 0 picks a free port)
              --ws-port <port>   MQTT over WebSocket port, path /mqtt (default: no WebSocket listener)
              --tls-port <port>  MQTT over TLS port (default: no TLS listener)
              --wss-port <port>  MQTT over secure WebSocket port, path /mqtt (default: none)
              --cert <file>      PEM certificate chain for the TLS listeners (default: a self-signed
                                 certificate for localhost, written to a temporary file named at start)
              --key <file>       PEM private key of --cert
              --client-ca <file> ask TLS clients for a certificate: one in this PEM file, or signed
                                 by one in it
              --sys-interval <s> publish statistics on $SYS/broker/... every s seconds (default: never)
              --memory-budget <size>
                                 bytes that queued, in-flight and retained messages,
                                 subscriptions and packets being received may take, e.g. 64m
                                 (default: a quarter of the maximum heap)
              --max-queued-bytes <size>
                                 bytes of messages one session may queue (default 64m)
              --write-timeout <s> disconnect a client that has read nothing for s seconds while
                                 the broker owes it data (default 30)
              --no-topic-aliases never give topic aliases to the messages sent to MQTT 5 clients
                                 (default: as many as each client's Topic Alias Maximum allows)
              --check            start, connect one MQTT client over loopback, report and exit
                                 (status 0 when the broker answered with CONNACK)
              --help             print this help

            By default the broker listens on loopback only, lets every client connect without a
            password and allows every publish and subscribe. To require passwords, add users with
            'passwd <file> <user>' (or mosquitto_passwd) and put 'password_file <file>' and
            'allow_anonymous false' in the configuration file; to limit topics, add 'acl_file <file>'.
            """;

    /**
     * @throws IllegalArgumentException with a message naming the bad argument
     */
    static Options parse(List<String> args) {
        return parse(args, null);
    }

    /**
     * @param file the configuration file named by {@code --config}, already read, whose settings the options
     *             override; null to start from the defaults
     * @throws IllegalArgumentException with a message naming the bad argument
     */
    static Options parse(List<String> args, ConfigFile file) {
        boolean fileListens = file != null && file.host() != null;
        String host = fileListens ? file.host() : "127.0.0.1";
        int port = fileListens ? file.port() : 1883;
        int websocketPort = file == null ? -1 : file.websocketPort();
        int tlsPort = file == null ? -1 : file.tlsPort();
        int secureWebsocketPort = file == null ? -1 : file.secureWebsocketPort();
        Path certificate = file == null ? null : file.certificate();
        Path key = file == null ? null : file.key();
        Path clientCa = file == null ? null : file.clientCa();
        int sysIntervalSeconds = file == null ? 0 : file.sysIntervalSeconds();
        long memoryBudget = 0;
        long maxQueuedBytes = 0;
        int writeTimeoutSeconds = 0;
        boolean topicAliases = true;
        boolean check = false;
        Path config = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new Options(host, port, websocketPort, tlsPort, secureWebsocketPort, certificate, key,
                            clientCa, sysIntervalSeconds, memoryBudget, maxQueuedBytes, writeTimeoutSeconds,
                            topicAliases, true, false, null);
                }
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = port(value(args, ++i, arg), arg);
                case "--ws-port" -> websocketPort = port(value(args, ++i, arg), arg);
                case "--tls-port" -> tlsPort = port(value(args, ++i, arg), arg);
                case "--wss-port" -> secureWebsocketPort = port(value(args, ++i, arg), arg);
                case "--cert" -> certificate = Path.of(value(args, ++i, arg));
                case "--key" -> key = Path.of(value(args, ++i, arg));
                case "--client-ca" -> clientCa = Path.of(value(args, ++i, arg));
                case "--sys-interval" -> sysIntervalSeconds = seconds(value(args, ++i, arg), arg);
                case "--memory-budget" -> memoryBudget = size(value(args, ++i, arg), arg);
                case "--max-queued-bytes" -> maxQueuedBytes = size(value(args, ++i, arg), arg);
                case "--write-timeout" -> writeTimeoutSeconds = seconds(value(args, ++i, arg), arg);
                case "--no-topic-aliases" -> topicAliases = false;
                case "--check" -> check = true;
                case "--config", "-c" -> config = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together: give both, or neither for a "
                    + "self-signed certificate");
        }
        boolean fileUnread = config != null && file == null;
        if (!fileUnread && (certificate != null || clientCa != null) && tlsPort < 0 && secureWebsocketPort < 0) {
            throw new IllegalArgumentException((certificate != null ? "--cert" : "--client-ca")
                    + " needs a TLS listener: add --tls-port 8883 or --wss-port 8084");
        }
        return new Options(host, port, websocketPort, tlsPort, secureWebsocketPort, certificate, key, clientCa,
                sysIntervalSeconds, memoryBudget, maxQueuedBytes, writeTimeoutSeconds, topicAliases, false, check,
                config);
    }

    /** @return whether any listener speaks TLS */
    boolean tls() {
        return tlsPort >= 0 || secureWebsocketPort >= 0;
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(index);
    }

    private static int seconds(String text, String flag) {
        try {
            int seconds = Integer.parseInt(text);
            if (seconds >= 1) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new IllegalArgumentException(flag + " must be a whole number of seconds, at least 1, not '" + text + "'");
    }

    /**
     * @return a number of bytes written as digits with an optional k, m or g suffix (binary multiples)
     */
    private static long size(String text, String flag) {
        String digits = text.toLowerCase(Locale.ROOT);
        int shift = switch (digits.isEmpty() ? ' ' : digits.charAt(digits.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        if (shift > 0) {
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long bytes = Long.parseLong(digits);
            if (bytes >= 1 && bytes <= Long.MAX_VALUE >> shift) {
                return bytes << shift;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new IllegalArgumentException(flag + " must be a size in bytes, at least 1, optionally with k, m or g"
                + " (e.g. 64m), not '" + text + "'");
    }

    private static int port(String text, String flag) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new IllegalArgumentException(flag + " must be a port number from 0 to 65535, not '" + text + "'");
    }
}
