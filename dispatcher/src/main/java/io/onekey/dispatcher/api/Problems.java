package io.onekey.dispatcher.api;

import io.onekey.dispatcher.error.DispatchException;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become JSON problem bodies (RFC 9457). No stack trace leaves. */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof DispatchException api) {
            send(ctx, api.status(), api.title(), api.getMessage());
            return;
        }
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
            send(ctx, 500, "Internal error", "the server could not complete the request; it has been logged");
        } else {
            send(ctx, status, titleOf(status), detailOf(status));
        }
    }

    public static void send(RoutingContext ctx, int status, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        JsonObject problem = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", ctx.request().path());
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"onekey\"");
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/problem+json")
                .end(problem.encode());
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type";
            default -> "Error";
        };
    }

    private static String detailOf(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this method is not allowed on this resource";
            case 413 -> "the request body exceeds the limit";
            default -> "the request could not be processed";
        };
    }
}
