package dev.midge.broker.internal.config;

import dev.midge.broker.Authorizer;
import dev.midge.broker.Topics;
import dev.midge.broker.internal.ExplicitDenials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An ACL file in Mosquitto's syntax, as an {@link Authorizer}. {@code topic [read|write|readwrite|deny] FILTER}
 * lines before any {@code user NAME} line apply to clients without a user name, those after it to that user;
 * {@code pattern} lines apply to every client wherever they stand, with {@code %c} and {@code %u} levels replaced by
 * its client id and user name. The access defaults to readwrite. A deny that applies wins; otherwise a client may
 * publish where a write rule matches the topic, subscribe where one read rule covers the whole filter, and receive
 * a message where a read rule matches its topic.
 */
public final class AclFile implements Authorizer, ExplicitDenials {

    private final List<AclRule> anonymous;
    private final Map<String, List<AclRule>> users;
    private final List<AclRule> patterns;

    private AclFile(List<AclRule> anonymous, Map<String, List<AclRule>> users, List<AclRule> patterns) {
        this.anonymous = anonymous;
        this.users = users;
        this.patterns = patterns;
    }

    /**
     * @param file the ACL file; blank lines and lines starting with {@code #} are skipped
     * @return the authorizer
     * @throws ConfigException naming the file and line when it cannot be read or a line is wrong
     */
    public static AclFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file, "cannot read the ACL file: " + e);
        }
        List<AclRule> anonymous = new ArrayList<>();
        Map<String, List<AclRule>> users = new HashMap<>();
        List<AclRule> patterns = new ArrayList<>();
        List<AclRule> current = anonymous;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 2);
            String rest = words.length > 1 ? words[1].strip() : "";
            if (rest.isEmpty()) {
                throw new ConfigException(file, i + 1, words[0] + " needs a value");
            }
            switch (words[0]) {
                case "user" -> current = users.computeIfAbsent(rest, name -> new ArrayList<>());
                case "topic" -> current.add(rule(file, i + 1, rest));
                case "pattern" -> patterns.add(rule(file, i + 1, rest));
                default -> throw new ConfigException(file, i + 1, "expected topic, pattern or user, not '"
                        + words[0] + "'");
            }
        }
        Map<String, List<AclRule>> frozen = new HashMap<>();
        users.forEach((user, rules) -> frozen.put(user, List.copyOf(rules)));
        return new AclFile(List.copyOf(anonymous), Map.copyOf(frozen), List.copyOf(patterns));
    }

    private static AclRule rule(Path file, int line, String text) {
        String[] words = text.split("\\s+", 2);
        AclRule.Access access = switch (words[0]) {
            case "read" -> AclRule.Access.READ;
            case "write" -> AclRule.Access.WRITE;
            case "readwrite" -> AclRule.Access.READWRITE;
            case "deny" -> AclRule.Access.DENY;
            default -> null;
        };
        String filter = access == null ? text : words.length > 1 ? words[1].strip() : "";
        String problem = Topics.checkFilter(filter);
        if (problem != null) {
            throw new ConfigException(file, line, problem);
        }
        return new AclRule(access == null ? AclRule.Access.READWRITE : access, filter);
    }

    @Override
    public boolean canPublish(String clientId, String username, String topic) {
        return allows(clientId, username, rule -> rule.matchesTopic(topic), AclRule.Access::writes);
    }

    @Override
    public boolean canSubscribe(String clientId, String username, String filter) {
        String topicFilter = withoutShare(filter);
        return allows(clientId, username, rule -> rule.coversFilter(topicFilter), AclRule.Access::reads);
    }

    @Override
    public boolean deniesSubscription(String clientId, String username, String filter) {
        String topicFilter = withoutShare(filter);
        for (AclRule rule : rulesFor(clientId, username)) {
            if (rule.access() == AclRule.Access.DENY && rule.coversFilter(topicFilter)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean canReceive(String clientId, String username, String topic) {
        return allows(clientId, username, rule -> rule.matchesTopic(topic), AclRule.Access::reads);
    }

    /**
     * @return whether no rule that applies denies, and one that applies grants the access
     */
    private boolean allows(String clientId, String username, Predicate<AclRule> applies,
                           Predicate<AclRule.Access> grants) {
        boolean allowed = false;
        for (AclRule rule : rulesFor(clientId, username)) {
            if (applies.test(rule)) {
                if (rule.access() == AclRule.Access.DENY) {
                    return false;
                }
                allowed |= grants.test(rule.access());
            }
        }
        return allowed;
    }

    private List<AclRule> rulesFor(String clientId, String username) {
        List<AclRule> rules = new ArrayList<>(username == null ? anonymous : users.getOrDefault(username, List.of()));
        for (AclRule pattern : patterns) {
            AclRule rule = pattern.substitute(clientId, username);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    private static String withoutShare(String filter) {
        if (filter.startsWith(Topics.SHARE_PREFIX)) {
            int groupEnd = filter.indexOf('/', Topics.SHARE_PREFIX.length());
            return groupEnd < 0 ? filter : filter.substring(groupEnd + 1);
        }
        return filter;
    }
}
