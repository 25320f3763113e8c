package dev.signals.domain.calculation;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CodePointOrderTest {

    @Property
    void ordersAsTheCodePointsDo(@ForAll String a, @ForAll String b) {
        int expected = Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
        assertThat(Integer.signum(CodePointOrder.IDS.compare(a, b))).isEqualTo(expected);
    }

    @Test
    void putsACharacterOutsideTheBasicPlaneAfterOneNearItsEnd() {
        String supplementary = new String(Character.toChars(0x1F600));
        String privateUse = "\uE000";
        assertThat(CodePointOrder.IDS.compare(supplementary, privateUse)).isPositive();
        assertThat(supplementary.compareTo(privateUse)).isNegative();
        assertThat(CodePointOrder.IDS.compare("e1", "e10")).isNegative();
        assertThat(CodePointOrder.IDS.compare("e2", "e10")).isPositive();
        assertThat(CodePointOrder.IDS.compare("same", "same")).isZero();
    }
}
