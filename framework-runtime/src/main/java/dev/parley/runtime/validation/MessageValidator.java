package dev.parley.runtime.validation;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Validates decoded inbound messages with Bean Validation when a provider is present (Jakarta EE servers
 * have one; the standalone launcher brings Hibernate Validator). Without one, messages pass unchecked and
 * a warning says so once.
 */
public abstract class MessageValidator {
    private static final System.Logger LOG = System.getLogger(MessageValidator.class.getName());

    /** Violations as one readable line ({@code text: must not be null}), or empty when valid. */
    public abstract Optional<String> violations(Object message);

    public static MessageValidator create() {
        try {
            return BeanValidation.withDefaultProvider();
        } catch (NoClassDefFoundError | RuntimeException noProvider) {
            LOG.log(Level.WARNING, "No Bean Validation provider found ({0}); inbound messages are not validated. "
                    + "Add org.hibernate.validator:hibernate-validator to the classpath.", noProvider.toString());
            return new MessageValidator() {
                @Override
                public Optional<String> violations(Object message) {
                    return Optional.empty();
                }
            };
        }
    }
}
