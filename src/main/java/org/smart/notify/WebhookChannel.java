package org.smart.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.smart.model.WebhookFormat;

/**
 * POSTs each notification to a URL, as the whole notification in JSON ({@code id, kind, host, service, subject,
 * body, details, created_at}) or, for chat tools' incoming webhooks (Slack, Mattermost, Rocket.Chat), as
 * {@code {"text": "subject\n\nbody"}}, which they post as a message and which loses nothing a reader needs. A 2xx
 * answer means delivered; anything else, or no answer within the
 * timeout, is a failure. Reasons name only the scheme, host and port: webhook URLs often carry a
 * token in their path or query, which must not end up in logs or mails.
 */
public final class WebhookChannel implements Channel {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final String name;
    private final URI url;
    private final Duration timeout;
    private final WebhookFormat format;
    private final HttpClient client;

    public WebhookChannel(String name, URI url, Duration timeout, WebhookFormat format) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("channel name '" + name + "' must be letters, digits, '-' or '_'");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException("webhook URL must be http:// or https:// with a host, got scheme '" + scheme + "'");
        }
        this.name = name;
        this.url = url;
        this.timeout = timeout;
        this.format = format;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public WebhookChannel(String name, URI url, Duration timeout) {
        this(name, url, timeout, WebhookFormat.JSON);
    }

    public WebhookChannel(URI url, Duration timeout) {
        this("webhook", url, timeout);
    }

    public WebhookChannel(URI url, Duration timeout, WebhookFormat format) {
        this("webhook", url, timeout, format);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "SMART")
                .POST(HttpRequest.BodyPublishers.ofString(body(n)))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("webhook " + endpoint() + " answered HTTP " + response.statusCode()
                    + (response.body().isBlank() ? "" : ": " + Texts.excerpt(response.body(), 200)));
        }
    }

    private String body(Notification n) {
        if (format == WebhookFormat.JSON) {
            return NotificationJson.toJson(n).toString();
        }
        String text = n.body().isBlank() ? n.subject() : n.subject() + "\n\n" + n.body().strip();
        return NotificationJson.MAPPER.createObjectNode().put("text", text).toString();
    }

    private HttpResponse<String> send(HttpRequest request) throws DeliveryException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new DeliveryException("webhook " + endpoint() + ": could not connect within " + Texts.duration(timeout), e);
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("webhook " + endpoint() + " did not answer within " + Texts.duration(timeout), e);
        } catch (ConnectException e) {
            throw new DeliveryException("webhook " + endpoint() + ": cannot connect: " + Texts.causes(e), e);
        } catch (IOException e) {
            throw new DeliveryException("webhook " + endpoint() + ": " + Texts.causes(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("webhook " + endpoint() + ": interrupted", e);
        }
    }

    /** scheme://host[:port] without path or query, safe to show. */
    private String endpoint() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
