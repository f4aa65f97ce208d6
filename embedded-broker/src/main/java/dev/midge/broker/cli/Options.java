package dev.midge.broker.cli;

import java.util.List;

/**
 * The command line of the standalone broker.
 *
 * @param host          the address to listen on
 * @param port          the TCP port
 * @param websocketPort the WebSocket port, or -1 for none
 * @param help          whether usage was asked for
 * @param check         whether to start, connect one client, report and exit
 */
record Options(String host, int port, int websocketPort, boolean help, boolean check) {

    static final String USAGE = """
            Usage: java -jar midge-broker.jar [options]

              --host <address>   address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
              --port <port>      MQTT over TCP port (default 1883; 0 picks a free port)
              --ws-port <port>   MQTT over WebSocket port, path /mqtt (default: no WebSocket listener)
              --check            start, connect one MQTT client over loopback, report and exit
                                 (status 0 when the broker answered with CONNACK)
              --help             print this help
            """;

    /**
     * @throws IllegalArgumentException with a message naming the bad argument
     */
    static Options parse(List<String> args) {
        String host = "127.0.0.1";
        int port = 1883;
        int websocketPort = -1;
        boolean check = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new Options(host, port, websocketPort, true, false);
                }
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = port(value(args, ++i, arg), arg);
                case "--ws-port" -> websocketPort = port(value(args, ++i, arg), arg);
                case "--check" -> check = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new Options(host, port, websocketPort, false, check);
    }

    private static String value(List<String> args, int index, String flag) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(index);
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
