package dev.midge.samples;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a sample's {@code main}: {@code --name value} pairs and {@code --flag}s, each optional.
 *
 * <pre>{@code
 * CommandLine commandLine = CommandLine.parse(args, Set.of("broker", "topic"), Set.of("retain"));
 * String topic = commandLine.value("topic", "raspberry/topic");
 * }</pre>
 */
public final class CommandLine {

    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param args    the arguments as given to {@code main}
     * @param options the names of options that take a value, without the leading {@code --}
     * @param flags   the names of options that take none
     * @return the parsed arguments
     * @throws IllegalArgumentException naming an unknown option or one missing its value
     */
    public static CommandLine parse(String[] args, Set<String> options, Set<String> flags) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (options.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; known: "
                        + describe(options, " <value>") + describe(flags, ""));
            }
        }
        return new CommandLine(values);
    }

    private static String describe(Set<String> names, String suffix) {
        StringBuilder text = new StringBuilder();
        names.stream().sorted().forEach(name -> text.append(" --").append(name).append(suffix));
        return text.toString();
    }

    /**
     * @param name         the option's name
     * @param defaultValue the value when the option is absent
     * @return the option's value
     */
    public String value(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    /**
     * @param name         the option's name
     * @param defaultValue the value when the option is absent
     * @return the option's value as a number
     * @throws IllegalArgumentException when it is not a whole number
     */
    public int intValue(String name, int defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'", e);
        }
    }

    /**
     * @param name the flag's name
     * @return whether the flag was given
     */
    public boolean flag(String name) {
        return values.containsKey(name);
    }
}
