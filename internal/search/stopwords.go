package search

import "strings"

// Stop words are the words of a language that say nothing about what a
// text is about. They are left out of the index and out of a query, so
// that "Hur ansöker jag om SFI?" is a search for ansöker and SFI. Lists
// are in exact form (Arabic in folded form, as spellings of these short
// words vary most).
var stopWords = [...]map[string]bool{
	analyzeSwedish: set(`
		och i på att det som en ett är av för med till den de har om jag du vi ni han hon hen
		man kan var vad hur när vem vilken vilka vilket varför så men eller inte min mitt mina
		din ditt dina mig dig sig oss er sin sitt sina ska skulle vill måste får där här från
		hos vid efter över mot också bara då nu än något några någon detta dessa denna
		dem deras hans hennes vår vårt våra ert era blir bli blev varit vara ha hade
		sådan sådant sådana samt utan under mellan genom hit dit eller ju nog
		https http www`),
	analyzeEnglish: set(`
		a an the and or of to in on at by for with from about as into than then
		is are was were be been being am it its this that these those there here
		i me my we our you your they their them he him his she her
		do does did can could should would will shall may might must
		how what where when who whom which why if not no so
		get have has had any some also only just very
		https http www`),
	analyzeUkrainian: set(`
		і й та а але або чи що як де коли куди звідки чому хто який яка яке які якщо щоб
		в у з із зі до на за під над по про при від для без між через біля після перед
		я ти ви ми він вона воно вони мене мені мій моя моє мої мною тебе тобі твій
		вас вам ваш ваша ваше ваші нас нам наш наша наше наші його її їх їм йому ним нею
		це цей ця ці той та те ті так не ні є бути був була було були буде
		можна можу можете треба також ще вже лише тільки навіть дуже саме
		https http www`),
	analyzeArabic: set(`
		و او ام ثم في من الي علي عن مع عند بين حتي منذ قبل بعد خلال ضد نحو
		هل كيف اين متي ماذا لماذا ما من كم اي
		انا نحن انت انتم انتن هو هي هم هن لي لك له لها لنا لكم لهم بي بك به بها
		هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذان اللتان
		ان لا لم لن قد كل كان كانت يكون تكون ليس لست
		يمكن يمكنني يمكنك يمكننا اريد نريد عليه عليها فيه فيها منه منها
		اذا او لكن بل ايضا فقط جدا
		https http www`),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// isStop reports whether a word with these forms is a stop word for an.
func isStop(an analyzer, exact, fold []byte) bool {
	if an == analyzeArabic {
		return stopWords[an][string(fold)]
	}
	return stopWords[an][string(exact)]
}

// isLatinStop reports whether a Latin word is a stop word in Swedish or
// English: a query's Latin words may be either.
func isLatinStop(exact []byte) bool {
	return stopWords[analyzeSwedish][string(exact)] || stopWords[analyzeEnglish][string(exact)]
}
