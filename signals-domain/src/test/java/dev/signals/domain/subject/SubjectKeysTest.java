package dev.signals.domain.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubjectKeysTest {

    private final PhoneNumber phone = new PhoneNumber("+639171234567");
    private final EmailAddress email = new EmailAddress("juan@example.ph");

    @Test
    void anEventWithAPhoneIsFoundByEveryFormOfTheNumber() {
        var keys = SubjectKeys.keysOf(phone, null);

        assertThat(keys).containsExactly("tel:+639171234567",
                "md5:4f8e51bab45696211f68ecc3dd06aa64", "md5:9a904b193ee093f8b15949270867fc35");
        assertThat(keys).contains(new PhoneSubject(phone).lookupKey());
        assertThat(keys).contains(new PhoneHashSubject(new Md5Hash("4F8E51BAB45696211F68ECC3DD06AA64")).lookupKey());
        assertThat(keys).contains(new PhoneHashSubject(new Md5Hash("9a904b193ee093f8b15949270867fc35")).lookupKey());
    }

    @Test
    void anEventWithPhoneAndEmailIsFoundByEither() {
        var keys = SubjectKeys.keysOf(phone, email);

        assertThat(keys).hasSize(4).contains("email:juan@example.ph", new EmailSubject(email).lookupKey());
        assertThat(keys).contains(new PhoneSubject(phone).lookupKey());
    }

    @Test
    void anEventNeedsAPhoneOrAnEmail() {
        assertThatThrownBy(() -> SubjectKeys.keysOf(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPhoneAndItsHashAreTheSameSubject() {
        Subject byPhone = new PhoneSubject(phone);
        Subject byHash = new PhoneHashSubject(new Md5Hash(phone.md5WithoutPlus()));

        assertThat(byPhone.keys()).containsAll(byHash.keys());
        assertThat(byPhone.keys()).doesNotContainAnyElementsOf(new EmailSubject(email).keys());
    }

    @Test
    void subjectsAreMaskedInLogs() {
        assertThat(new PhoneSubject(phone).toString()).doesNotContain("1234567");
        assertThat(new EmailSubject(email).toString()).doesNotContain("juan");
        assertThat(new PhoneHashSubject(new Md5Hash(phone.md5WithPlus())).toString()).doesNotContain("aa64");
    }

    @org.junit.jupiter.api.Test
    void aLookupKeyTurnsBackIntoItsSubject() {
        Subject phone = new PhoneSubject(new PhoneNumber("+639171234567"));
        Subject hash = new PhoneHashSubject(new Md5Hash("0123456789ABCDEF0123456789abcdef"));
        Subject email = new EmailSubject(new EmailAddress("Borrower@Example.com"));

        for (Subject subject : java.util.List.of(phone, hash, email)) {
            org.assertj.core.api.Assertions.assertThat(SubjectKeys.subjectOf(subject.lookupKey())).isEqualTo(subject);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SubjectKeys.subjectOf("fax:123"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

