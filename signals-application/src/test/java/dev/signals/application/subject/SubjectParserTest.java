package dev.signals.application.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signals.domain.InvalidValueException;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.PhoneHashSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import org.junit.jupiter.api.Test;

class SubjectParserTest {

    private final SubjectParser parser = new SubjectParser();

    @Test
    void aPhoneMakesAPhoneSubject() {
        assertThat(parser.parse("09171234567", "PH", null))
                .isEqualTo(new PhoneSubject(new PhoneNumber("+639171234567")));
        assertThat(parser.parse("9A904B193EE093F8B15949270867FC35", null, null)).isInstanceOf(PhoneHashSubject.class);
    }

    @Test
    void anEmailMakesAnEmailSubjectTrimmedAndLowerCased() {
        assertThat(parser.parse(null, null, "  Juan@Example.PH "))
                .isEqualTo(new EmailSubject(new EmailAddress("juan@example.ph")));
        assertThat(parser.parse("", null, "juan@example.ph")).isInstanceOf(EmailSubject.class);
    }

    @Test
    void exactlyOneOfPhoneAndEmailIsRequired() {
        assertThatThrownBy(() -> parser.parse("+639171234567", null, "juan@example.ph"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("emailAddress"))
                .hasMessageContaining("either phone or emailAddress, not both");
        assertThatThrownBy(() -> parser.parse(null, "PH", null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("phone"))
                .hasMessageContaining("phone or emailAddress is required");
    }

    @Test
    void anInvalidEmailIsRejectedOnItsField() {
        assertThatThrownBy(() -> parser.parse(null, null, "juan.example.ph"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("emailAddress"));
    }

    @Test
    void anInvalidPhoneIsRejectedOnItsField() {
        assertThatThrownBy(() -> parser.parse("+6391712", null, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("phone"));
    }

    @Test
    void aCountryCodeIsCheckedEvenBesideAnEmail() {
        assertThatThrownBy(() -> parser.parse(null, "XX", "juan@example.ph"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("countryCode"));
    }
}
