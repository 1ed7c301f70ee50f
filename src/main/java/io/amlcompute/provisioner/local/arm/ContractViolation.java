package io.amlcompute.provisioner.local.arm;

/**
 * One way a request body breaks the contract: a stable code, the JSON path it is about, and a sentence a person
 * can act on. Messages never quote the value of a secret field.
 */
record ContractViolation(Code code, String target, String message) {

    /** The stable codes of body violations, as they appear in {@code error.details[].code}. */
    enum Code {
        MISSING_REQUIRED_PROPERTY("MissingRequiredProperty"),
        MISSING_DISCRIMINATOR("MissingDiscriminator"),
        UNKNOWN_COMPUTE_TYPE("UnknownComputeType"),
        INVALID_PROPERTY_TYPE("InvalidPropertyType"),
        INVALID_ENUM_VALUE("InvalidEnumValue"),
        READ_ONLY_PROPERTY("ReadOnlyPropertyNotAllowed"),
        INVALID_DURATION("InvalidDuration"),
        UNKNOWN_PROPERTY("UnknownProperty"),
        INVALID_VALUE("InvalidPropertyValue");

        private final String wireCode;

        Code(String wireCode) {
            this.wireCode = wireCode;
        }

        String wireCode() {
            return wireCode;
        }
    }

    ArmError toArmError() {
        return ArmError.of(code.wireCode(), message, target);
    }
}
