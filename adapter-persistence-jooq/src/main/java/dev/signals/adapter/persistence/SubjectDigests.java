package dev.signals.adapter.persistence;

import dev.signals.domain.subject.EmailSubject;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneHashSubject;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.Subject;
import dev.signals.domain.subject.SubjectKeys;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How a stored signal request is found again by any form of its subject (CONTRACT §2.4, "every form of the same number
 * matches") with two fixed-size columns of its own row, {@code subject_digest} and {@code subject_alias_digest}, each
 * indexed, instead of a row per key in another table (V11 to V13). A request's subject keys are its lookup key and,
 * for a phone, both MD5 forms of the number; the digests hold those MD5 forms exactly:
 * <ul>
 *   <li>a phone: the MD5 of its E.164 form with {@code +}, and without (its two hash forms);</li>
 *   <li>an MD5 hash: the hash, and no alias;</li>
 *   <li>an e-mail address: the MD5 of its key, and no alias; only a way in to the row, whose key is then compared.</li>
 * </ul>
 * Why: every index entry at a random place costs an embedded H2 a rewritten page at the next commit, and the four
 * entries a phone had (three keys and the other table's own) were most of what storing a request cost (issue 17).
 *
 * @param digest the first digest, never null
 * @param alias  the phone's MD5 without {@code +}, null for other subjects
 */
record SubjectDigests(byte[] digest, byte[] alias) {

    static SubjectDigests of(Subject subject) {
        if (subject instanceof PhoneSubject phone) {
            return new SubjectDigests(bytes(phone.phone().md5WithPlus()), bytes(phone.phone().md5WithoutPlus()));
        }
        if (subject instanceof PhoneHashSubject hash) {
            return new SubjectDigests(bytes(hash.hash().hex()), null);
        }
        return new SubjectDigests(bytes(Md5Hash.digestOf(SubjectKeys.emailKey(((EmailSubject) subject).emailAddress())).hex()), null);
    }

    /** Every digest under which a request whose subject shares a key with {@code subject} is indexed. */
    static List<byte[]> wayIn(Subject subject) {
        SubjectDigests digests = of(subject);
        List<byte[]> all = new ArrayList<>(2);
        all.add(digests.digest());
        if (digests.alias() != null) {
            all.add(digests.alias());
        }
        return all;
    }

    /** The MD5 forms among {@code subject}'s keys: those a request made with a phone shares with it by its digests. */
    static List<byte[]> hashForms(Subject subject) {
        return subject instanceof EmailSubject ? List.of() : wayIn(subject);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
