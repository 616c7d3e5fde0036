console.log("vendor placeholder")
