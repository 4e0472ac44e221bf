// The official DataLens Go sample (DataLens docs, "Create a token"), unchanged except that the key and the embed ID come
// from the environment. The sample imports github.com/golang-jwt/jwt/v5; Debian packages v4, whose
// API for these calls is the same. Build with the import your module uses.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/golang-jwt/jwt"
)

func main() {
	privateKey, err := jwt.ParseRSAPrivateKeyFromPEM([]byte(os.Getenv("DL_PRIVATE_KEY")))
	if err != nil {
		fmt.Println("Error parsing key:", err)
		os.Exit(1)
	}

	now := time.Now().Unix()
	payload := jwt.MapClaims{
		"embedId":        os.Getenv("DL_EMBED_ID"),
		"dlEmbedService": "YC_DATALENS_EMBEDDING_SERVICE_MARK",
		"iat":            now,
		"exp":            now + 360,
		"params":         map[string]interface{}{},
	}

	token := jwt.NewWithClaims(jwt.SigningMethodPS256, payload)
	signedToken, err := token.SignedString(privateKey)
	if err != nil {
		fmt.Println("Error generating token:", err)
		os.Exit(1)
	}

	fmt.Println(signedToken)
}
