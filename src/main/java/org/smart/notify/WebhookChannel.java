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

/**
 * POSTs each notification as JSON ({@code id, kind, host, service, subject, body, details,
 * created_at}) to a URL. A 2xx answer means delivered; anything else, or no answer within the
 * timeout, is a failure. Reasons name only the scheme, host and port: webhook URLs often carry a
 * token in their path or query, which must not end up in logs or mails.
 */
public final class WebhookChannel implements Channel {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final String name;
    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookChannel(String name, URI url, Duration timeout) {
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
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public WebhookChannel(URI url, Duration timeout) {
        this("webhook", url, timeout);
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
                .POST(HttpRequest.BodyPublishers.ofString(NotificationJson.toJson(n).toString()))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("webhook " + endpoint() + " answered HTTP " + response.statusCode()
                    + (response.body().isBlank() ? "" : ": " + Texts.excerpt(response.body(), 200)));
        }
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
