package dev.parley.runtime.validation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The Bean Validation backed validator; kept apart so the runtime loads without the validation API. */
final class BeanValidation extends MessageValidator {
    private final Validator validator;

    private BeanValidation(Validator validator) {
        this.validator = validator;
    }

    static MessageValidator withDefaultProvider() {
        return new BeanValidation(Validation.buildDefaultValidatorFactory().getValidator());
    }

    @Override
    public Optional<String> violations(Object message) {
        Set<ConstraintViolation<Object>> violations = validator.validate(message);
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .collect(Collectors.joining("; ")));
    }
}
