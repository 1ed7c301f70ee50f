package io.amlcompute.provisioner.local.servicebus;

import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.messaging.AmqpValue;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.message.Message;

import java.util.HashMap;
import java.util.Map;

/**
 * A node that answers request messages ({@code $cbs}, {@code <entity>/$management}). The connection routes the
 * answer to the reply link the request's reply-to names ({@link ConnectionLinks#replyLink(String)}) and sets its
 * correlation-id to the request's message-id, which is how the client pairs them.
 */
interface RequestResponseNode {

    String STATUS_CODE = "statusCode";
    String STATUS_DESCRIPTION = "statusDescription";
    String ERROR_CONDITION = "errorCondition";

    Message respond(Message request);

    static Message response(int statusCode, String description, Map<String, Object> body) {
        Map<String, Object> properties = new HashMap<>();
        // Integer, not Long: the client reads the status code as a Number but older paths cast to Integer.
        properties.put(STATUS_CODE, statusCode);
        properties.put(STATUS_DESCRIPTION, description);
        Message response = Proton.message();
        response.setApplicationProperties(new ApplicationProperties(properties));
        if (body != null) {
            response.setBody(new AmqpValue(body));
        }
        return response;
    }

    static Message errorResponse(BrokerException error) {
        Message response = response(error.error().statusCode(), error.getMessage(), null);
        response.getApplicationProperties().getValue().put(ERROR_CONDITION, error.error().condition());
        return response;
    }

    static Object applicationProperty(Message request, String name) {
        ApplicationProperties properties = request.getApplicationProperties();
        return properties == null || properties.getValue() == null ? null : properties.getValue().get(name);
    }
}
