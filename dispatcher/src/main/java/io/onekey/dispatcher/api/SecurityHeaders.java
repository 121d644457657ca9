package io.onekey.dispatcher.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * Headers on every response, pages and API alike: scripts, styles and connections only from the
 * server itself (the map's tile server too, when one is configured), no sniffing of content
 * types, no framing by other sites, no referrer leaving the console.
 */
final class SecurityHeaders implements Handler<RoutingContext> {

    private final String policy;

    SecurityHeaders(String mapTiles) {
        String tiles = mapTiles == null ? "" : " " + origin(mapTiles);
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" + tiles
                + "; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    /** The scheme, host and port of a tile URL template such as https://tiles.example/{z}/{x}/{y}.png. */
    private static String origin(String template) {
        URI uri = URI.create(template.replaceAll("[{}]", ""));
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", policy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
