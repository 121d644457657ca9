package io.onekey.dispatcher.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.Optional;

/** E-mail to relatives, through the installation's SMTP server. */
public final class FamilyMail {

    /**
     * @param host     the SMTP server; empty: no e-mail is sent
     * @param startTls REQUIRED when true (the password never travels in clear), otherwise OPTIONAL
     */
    public record Settings(Optional<String> host, int port, String from, Optional<String> username, Optional<String> password,
                           boolean startTls) {

        public static Settings none() {
            return new Settings(Optional.empty(), 25, "onekey@localhost", Optional.empty(), Optional.empty(), false);
        }
    }

    private final MailClient client;
    private final String from;

    private FamilyMail(MailClient client, String from) {
        this.client = client;
        this.from = from;
    }

    /** The mailer, when a host is configured. */
    public static Optional<FamilyMail> create(Vertx vertx, Settings settings) {
        return settings.host().map(host -> {
            MailConfig config = new MailConfig().setHostname(host).setPort(settings.port())
                    .setStarttls(settings.startTls() ? StartTLSOptions.REQUIRED : StartTLSOptions.OPTIONAL);
            settings.username().ifPresent(config::setUsername);
            settings.password().ifPresent(config::setPassword);
            return new FamilyMail(MailClient.create(vertx, config), settings.from());
        });
    }

    public Future<Void> send(String to, String subject, String text) {
        return client.sendMail(new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text)).mapEmpty();
    }
}
