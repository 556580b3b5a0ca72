package org.tributary.gateway.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed: exact addresses or CIDR ranges
 * ({@code 10.0.0.0/8}, {@code fd00::/8}). Behind an ingress whose pods change address, a range is the only setting
 * that keeps working. Only address literals are ever parsed (no name is looked up).
 */
final class ProxyRanges {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    ProxyRanges(List<String> entries) {
        List<Range> parsed = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split("/", 2);
            byte[] network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + entry);
            }
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("Not a CIDR range: " + entry);
            }
            parsed.add(new Range(network, prefix));
        }
        this.ranges = List.copyOf(parsed);
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** True when {@code address} (a literal; anything else is never trusted) lies in one of the ranges. */
    boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
    }

    /** The address's bytes when it is an IPv4 or IPv6 literal, else null (nothing is resolved). */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return null;
        }
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
