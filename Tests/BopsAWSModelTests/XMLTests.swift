import Testing

@testable import BopsAWSModel

@Suite struct XMLTests {
    @Test func writesLikeElementTree() {
        let element = XMLElementNode(
            "A", attributes: [XMLAttribute("xmlns", "u\"<&\n")],
            children: [XMLElementNode("B", text: "x&<>\"'"), XMLElementNode("C"), XMLElementNode("D", text: "")])
        #expect(
            XMLWriter.string(element)
                == "<A xmlns=\"u&quot;&lt;&amp;&#10;\"><B>x&amp;&lt;&gt;\"'</B><C /><D /></A>")
    }
}
