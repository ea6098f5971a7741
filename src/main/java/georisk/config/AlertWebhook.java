package georisk.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * One webhook that alerts are delivered to, and the body it expects. Written {@code slack=URL} (a Slack incoming
 * webhook or anything else that takes Slack's {@code {"text": ...}}), {@code json=URL} (georisk's JSON body with
 * every field of the alert) or a bare {@code URL} (the JSON body).
 *
 * <p>Webhook URLs often carry their secret in the path (Slack's do): {@link #toString()} and {@link #masked()}
 * show the scheme and host only, and every message about a webhook uses them.
 *
 * @param format the body the webhook takes
 * @param url    an absolute {@code http} or {@code https} URL
 */
public record AlertWebhook(Format format, URI url) {
    /** The setting's name: {@code --alert-webhook} (repeatable). */
    public static final String SETTING = "alert-webhook";
    /** Its environment variable: webhooks separated by commas. */
    public static final String ENV = "GEORISK_ALERT_WEBHOOKS";

    /** The body a webhook takes. */
    public enum Format {
        /** Slack-compatible: {@code {"text": "<one line>"}}. */
        SLACK,
        /** georisk's JSON: the alert's fields (id, dyad, kind, levels, score, explanation, time, drivers). */
        JSON
    }

    public AlertWebhook {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(url, "url");
    }

    /**
     * Parses {@code [slack=|json=]URL}.
     *
     * @throws SettingException naming {@code --alert-webhook}, with the URL masked, when the spec is not usable
     */
    public static AlertWebhook parse(final String spec) {
        if (spec == null || spec.isBlank()) {
            throw new SettingException(SETTING, ENV, "", "expected [slack=|json=]URL, e.g. slack=https://hooks.slack.com/...");
        }
        final String s = spec.strip();
        Format format = Format.JSON;
        String url = s;
        final int eq = s.indexOf('=');
        final int scheme = s.indexOf("://");
        if (eq > 0 && (scheme < 0 || eq < scheme)) {
            final String name = s.substring(0, eq).toUpperCase(Locale.ROOT);
            try {
                format = Format.valueOf(name);
            } catch (final IllegalArgumentException e) {
                throw new SettingException(SETTING, ENV, mask(s), "unknown body format '" + s.substring(0, eq)
                        + "': expected slack=URL or json=URL");
            }
            url = s.substring(eq + 1);
        }
        final URI uri;
        try {
            uri = new URI(url);
        } catch (final URISyntaxException e) {
            throw new SettingException(SETTING, ENV, mask(s), "not a URL");
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new SettingException(SETTING, ENV, mask(s), "expected an absolute http:// or https:// URL");
        }
        return new AlertWebhook(format, uri);
    }

    /** The URL as it may be shown: scheme, host and port; the path, query and any user-info hidden. */
    public String masked() {
        return mask(url.toString());
    }

    /** {@code slack=https://hooks.slack.com/***}: safe to print and log. */
    @Override
    public String toString() {
        return format.name().toLowerCase(Locale.ROOT) + "=" + masked();
    }

    /**
     * Masks anything that looks like a URL: keeps {@code scheme://host[:port]}, hides user-info, path, query and
     * fragment. Works on text that does not parse as a URI too, so an invalid setting can be quoted safely.
     */
    public static String mask(final String text) {
        if (text == null) {
            return null;
        }
        final int scheme = text.indexOf("://");
        if (scheme < 0) {
            return "***";
        }
        final int authorityStart = scheme + 3;
        int authorityEnd = text.length();
        for (final char c : new char[] {'/', '?', '#'}) {
            final int i = text.indexOf(c, authorityStart);
            if (i >= 0 && i < authorityEnd) {
                authorityEnd = i;
            }
        }
        String authority = text.substring(authorityStart, authorityEnd);
        final int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = "***@" + authority.substring(at + 1);
        }
        final String rest = authorityEnd < text.length() ? "/***" : "";
        return text.substring(0, authorityStart) + authority + rest;
    }
}
