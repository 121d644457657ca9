package io.onekey.dispatcher.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where webhooks may go. A provider's webhook is a URL somebody typed into the directory: left
 * unchecked it would let the server be aimed at itself ({@code /api/tokens}), at services on its
 * own network (Redis, a cloud metadata endpoint) or anything else only the server can reach.
 * By default only public addresses are allowed, checked on the URL when it is stored and on the
 * resolved address at every delivery (a name may resolve differently later). On-premises
 * provider systems are allowed explicitly: {@code dispatch.webhook.allowPrivateTargets} lists
 * their networks ({@code 10.20.0.0/16}) or host names.
 */
public final class WebhookTargets {

    /** Dotted forms that are not four decimal parts (2130706433, 0x7f.1, 017700000001): read as IPs by some clients. */
    private static final Pattern ODD_NUMERIC_HOST = Pattern.compile("^(0x[0-9a-f]+|[0-9]+)(\\.(0x[0-9a-f]+|[0-9]+)){0,3}$");
    private static final Pattern DOTTED_QUAD = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

    private record Network(byte[] prefix, int bits) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> allowedNetworks = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();

    /** @param allowPrivate networks ({@code 10.0.0.0/8}, {@code 192.168.1.5}) and host names allowed although private */
    public WebhookTargets(List<String> allowPrivate) {
        for (String entry : allowPrivate) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            Optional<Network> network = network(e);
            if (network.isPresent()) {
                allowedNetworks.add(network.get());
            } else {
                allowedHosts.add(e);
            }
        }
    }

    public static WebhookTargets publicOnly() {
        return new WebhookTargets(List.of());
    }

    private static Optional<Network> network(String entry) {
        String[] parts = entry.split("/", 2);
        if (!DOTTED_QUAD.matcher(parts[0]).matches() && !parts[0].contains(":")) {
            return Optional.empty();
        }
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("dispatch.webhook.allowPrivateTargets: bad prefix length in " + entry);
            }
            return Optional.of(new Network(address, bits));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("dispatch.webhook.allowPrivateTargets: cannot read " + entry);
        }
    }

    /** Why a webhook URL is refused as it is written, if it is; nothing is resolved here. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("webhookUrl is not a URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("webhookUrl must not carry credentials; the webhook is signed instead");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedHosts.contains(host)) {
            return Optional.empty();
        }
        if (ODD_NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of("webhookUrl has a numeric host in an unusual form; write the address as a.b.c.d");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return Optional.of(privateRefusal());
        }
        if (DOTTED_QUAD.matcher(host).matches() || host.contains(":")) {
            try {
                if (!allowed(InetAddress.getByName(host))) {
                    return Optional.of(privateRefusal());
                }
            } catch (UnknownHostException e) {
                return Optional.of("webhookUrl has an invalid address");
            }
        }
        return Optional.empty();
    }

    static String privateRefusal() {
        return "webhookUrl points to a private, local or reserved address; on-premises provider systems are allowed"
                + " with dispatch.webhook.allowPrivateTargets";
    }

    /** True if a resolved address may receive webhooks. */
    public boolean allowed(InetAddress address) {
        for (Network network : allowedNetworks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return !restricted(address);
    }

    private static boolean restricted(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0                                   // "this network"
                    || (first == 100 && second >= 64 && second < 128) // shared address space (CGNAT)
                    || (first == 192 && second == 0 && (b[2] & 0xFF) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19))   // benchmarking
                    || first >= 240;                                      // reserved, broadcast
        }
        if (a instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xFE) == 0xFC;
            boolean mappedV4 = isMappedV4(b);
            if (mappedV4) {
                try {
                    return restricted(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }
}
